import type { FolderMark, SinceLastPass } from '@btsx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_AS_NUMBER, ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

export const TASK_STATES = ['pending', 'copying', 'done', 'failed'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** One copy.task and its latest cumulative counts. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'job_tasks' })
export class JobTaskEntity {
  @PrimaryColumn('uuid', { name: 'job_id' })
  jobId: string;

  @PrimaryColumn('text', { name: 'task_id' })
  taskId: string;

  /** Null while a task event arrived before job.planned said which folder it covers. */
  @Column('integer', { name: 'folder_position', nullable: true })
  folderPosition: number | null;

  @Column('text')
  state: TaskState;

  @Column('integer', { default: 0 })
  copied: number;

  @Column('integer', { default: 0 })
  skipped: number;

  @Column('integer', { default: 0 })
  failed: number;

  /** Left out by the job's message filter. */
  @Column('integer', { default: 0 })
  filtered: number;

  @Column('bigint', { default: 0, transformer: BIGINT_AS_NUMBER })
  bytes: number;

  @Column('text', { nullable: true })
  reason: string | null;

  /** Where the task's pass ended (task.finished): the next delta pass starts there. */
  @Column('jsonb', { nullable: true })
  mark: FolderMark | null;

  /** A delta pass: what the task found changed at the source below the previous mark. */
  @Column('jsonb', { name: 'since_last_pass', nullable: true })
  sinceLastPass: SinceLastPass | null;
}
