import { HOUR_MS, MAX_SCHEDULE_DAYS, parseZonedDateTime, scheduleEnd } from '@btsx/contracts';
import { AppError } from '@btsx/platform';
import { GridFields } from './schedule-grid';

/** A schedule's times as a request gives them (validated: a known zone, readable date-times). */
export interface ScheduleTimesRequest {
  everyHours: number;
  timeZone: string;
  startAt?: string;
  endsAt?: string;
}

export interface ScheduleTimes extends GridFields {
  endsAt: Date;
}

/**
 * When a schedule's passes fall, a job's or a batch's: the first at `startAt` (now if it is
 * past or absent), then every `everyHours` (at least `minimumMs`), none after the end date
 * (at most MAX_SCHEDULE_DAYS away). 400 with the reason otherwise.
 */
export function scheduleTimes(
  request: ScheduleTimesRequest,
  now: Date,
  minimumMs: number,
): ScheduleTimes {
  const everyMs = Math.round(request.everyHours * HOUR_MS);
  if (everyMs < minimumMs) {
    throw new AppError(400, `everyHours must be at least ${minimumMs / HOUR_MS}`);
  }
  const zone = request.timeZone;
  const asked = request.startAt ? parseZonedDateTime(request.startAt, zone) : undefined;
  const startAt = asked && asked > now ? asked : now;
  const endsAt = scheduleEnd(
    now,
    request.endsAt ? parseZonedDateTime(request.endsAt, zone) : undefined,
  );
  if (endsAt <= startAt) {
    throw new AppError(
      400,
      `The schedule must start before its end date (at most ${MAX_SCHEDULE_DAYS} days away)`,
    );
  }
  return { timeZone: zone, startAt, everyMs, endsAt };
}
