import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/** One pass of a schedule: its job (deleted with it), its number, and whether it is the last. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'schedule_passes' })
export class SchedulePassEntity {
  @PrimaryColumn('uuid', { name: 'schedule_id' })
  scheduleId: string;

  @PrimaryColumn('integer')
  number: number;

  @Column('uuid', { name: 'job_id' })
  jobId: string;

  @Column('boolean', { default: false })
  final: boolean;
}
