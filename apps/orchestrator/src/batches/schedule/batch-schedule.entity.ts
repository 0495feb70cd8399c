import { ScheduleState } from '@btsx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../../database/orchestrator-schema';

/**
 * A batch's schedule: a pass of every line at a given time, then delta passes every N hours
 * until its final pass. Every change is made under the batch's row lock.
 */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'batch_schedules' })
export class BatchScheduleEntity {
  @PrimaryColumn('uuid', { name: 'batch_id' })
  batchId: string;

  @Column('text')
  state: ScheduleState;

  @Column('text', { name: 'time_zone' })
  timeZone: string;

  @Column('timestamptz', { name: 'start_at' })
  startAt: Date;

  @Column('integer', { name: 'every_ms' })
  everyMs: number;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  /** Null once the schedule ended or its final pass was asked for. */
  @Column('timestamptz', { name: 'next_pass_at', nullable: true })
  nextPassAt: Date | null;

  @Column('integer', { name: 'passes_started', default: 0 })
  passesStarted: number;

  /**
   * Made with the batch (the import): its first pass is the batch's first run, and the lines
   * wait for it. A schedule given later starts with a delta pass.
   */
  @Column('boolean', { name: 'first_pass_full' })
  firstPassFull: boolean;

  @Column('boolean', { name: 'mirror_deletions', default: false })
  mirrorDeletions: boolean;

  @Column('text', { nullable: true })
  error: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;
}
