import { JobEventLevel } from '@btsx/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/** One status line of a job; the serial id doubles as the SSE event id. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'job_events' })
export class JobEventEntity {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('uuid', { name: 'job_id' })
  jobId: string;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  level: JobEventLevel;

  @Column('text')
  message: string;
}
