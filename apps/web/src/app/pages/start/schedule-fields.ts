import type { CreateScheduleRequest, MigrationRequest } from '@btsx/contracts';
import {
  DAY_MS,
  MAX_EVERY_HOURS,
  MAX_SCHEDULE_DAYS,
  parseZonedDateTime,
} from '@btsx/contracts/core';
import { SCHEDULE_OAUTH_TERMS } from '../../shared/schedule/schedule-terms';

/** The "When" section: a job now, or a schedule of delta passes. */
export interface ScheduleFields {
  when: 'now' | 'schedule';
  /** The first pass: at once, or at `startAt`. */
  start: 'now' | 'at';
  /** As a datetime-local input gives it (2026-12-05T20:00): the person's own wall clock. */
  startAt: string;
  everyHours: number | null;
  /** No pass starts after it; empty: MAX_SCHEDULE_DAYS after creation. */
  endsAt: string;
  mirrorDeletions: boolean;
}

export const NO_SCHEDULE: ScheduleFields = {
  when: 'now',
  start: 'now',
  startAt: '',
  everyHours: 24,
  endsAt: '',
  mirrorDeletions: false,
};

/** Why the schedule fields cannot be sent; null when they can, or when no schedule is asked for. */
export function scheduleFieldsProblem(
  fields: ScheduleFields,
  timeZone: string,
  now = new Date(),
): string | null {
  if (fields.when !== 'schedule') return null;
  const hours = fields.everyHours;
  if (hours === null || !Number.isInteger(hours) || hours < 1 || hours > MAX_EVERY_HOURS) {
    return `Repeat every 1 to ${MAX_EVERY_HOURS} hours, in whole hours`;
  }
  let start = now;
  if (fields.start === 'at') {
    const at = fields.startAt ? parseZonedDateTime(fields.startAt, timeZone) : undefined;
    if (!at) return 'Choose the date and time of the first pass';
    if (at > start) start = at;
  }
  if (!fields.endsAt) return null;
  const end = parseZonedDateTime(fields.endsAt, timeZone);
  if (!end || end <= start) return 'The end date must come after the first pass';
  if (end.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * DAY_MS) {
    return `The end date can be at most ${MAX_SCHEDULE_DAYS} days from now`;
  }
  return null;
}

/** The job's accounts and options as a schedule: times as the person's wall clock, and the zone. */
export function scheduleRequest(
  job: MigrationRequest,
  fields: ScheduleFields,
  timeZone: string,
): CreateScheduleRequest {
  const { sourceCredentialId, destinationCredentialId, options } = job;
  return {
    sourceCredentialId,
    destinationCredentialId,
    options: { ...options, mirrorDeletions: fields.mirrorDeletions },
    timeZone,
    everyHours: fields.everyHours ?? NO_SCHEDULE.everyHours!,
    ...(fields.start === 'at' && fields.startAt && { startAt: fields.startAt }),
    ...(fields.endsAt && { endsAt: fields.endsAt }),
  };
}

/** Why "On a schedule" cannot be chosen for these accounts; null when it can. */
export function scheduleRefusal(
  sourceSignsInWithProvider: boolean,
  destinationSignsInWithProvider: boolean,
): string | null {
  if (!sourceSignsInWithProvider && !destinationSignsInWithProvider) return null;
  return `${SCHEDULE_OAUTH_TERMS} Use an app password, or run delta passes by hand from the job's page.`;
}
