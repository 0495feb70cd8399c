import { BatchScheduleFields } from '@btsx/contracts';
import { AppError } from '@btsx/platform';
import { scheduleTimes } from '../../schedules/schedule-times';
import { BatchScheduleEntity } from './batch-schedule.entity';

/**
 * The schedule the fields ask for, or undefined when they ask for none (no everyHours);
 * 400 for schedule fields without everyHours, and for times scheduleTimes refuses.
 */
export function newBatchSchedule(
  batchId: string,
  fields: BatchScheduleFields,
  { now, minimumMs, firstPassFull }: { now: Date; minimumMs: number; firstPassFull: boolean },
): BatchScheduleEntity | undefined {
  const { everyHours, timeZone, startAt, endsAt, mirrorDeletions } = fields;
  if (everyHours === undefined || timeZone === undefined) {
    if (startAt || endsAt || mirrorDeletions !== undefined) {
      throw new AppError(400, 'A schedule needs everyHours (and timeZone)');
    }
    return undefined;
  }
  const times = scheduleTimes({ everyHours, timeZone, startAt, endsAt }, now, minimumMs);
  return {
    batchId,
    state: 'scheduled',
    ...times,
    nextPassAt: times.startAt,
    passesStarted: 0,
    firstPassFull,
    mirrorDeletions: mirrorDeletions ?? false,
    error: null,
    createdAt: now,
    endedAt: null,
  };
}
