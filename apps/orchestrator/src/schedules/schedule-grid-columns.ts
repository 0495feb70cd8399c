import { ScheduleState } from '@btsx/contracts';
import { Column } from 'typeorm';

/**
 * What every schedule keeps of its grid and its course, a job's (`schedules`) or a batch's
 * (`batch_schedules`): the same columns in both tables.
 */
export abstract class ScheduleGridColumns {
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
