import { ImapEndpoint, JobOptions } from '@btsx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ScheduleGridColumns } from './schedule-grid-columns';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/** A job at a given time, then delta passes until its final pass: no secret, held ids only. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'schedules' })
export class ScheduleEntity extends ScheduleGridColumns {
  /** A random v4 UUID: knowing it is what lets a browser see the schedule, as for a job. */
  @PrimaryColumn('uuid')
  id: string;

  @Column('jsonb')
  options: JobOptions;

  @Column('jsonb')
  source: ImapEndpoint;

  @Column('jsonb')
  destination: ImapEndpoint;

  /** The held credentials at auth; null once discarded (the schedule ended). */
  @Column('uuid', { name: 'source_held_id', nullable: true })
  sourceHeldId: string | null;

  @Column('uuid', { name: 'destination_held_id', nullable: true })
  destinationHeldId: string | null;
}
