import { ImapEndpoint, JobOptions, ScheduleState } from '@btsx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/** A job at a given time, then delta passes until its final pass: no secret, held ids only. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'schedules' })
export class ScheduleEntity {
  /** A random v4 UUID: knowing it is what lets a browser see the schedule, as for a job. */
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  state: ScheduleState;

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

  /** Passes started so far: the next one's number less one. */
  @Column('integer', { name: 'passes_started', default: 0 })
  passesStarted: number;

  @Column('text', { nullable: true })
  error: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;
}
