import { PassGrid } from '@btsx/contracts';

/** What a schedule's grid is made of: a job's schedule or a batch's. */
export interface GridFields {
  startAt: Date;
  everyMs: number;
  timeZone: string;
}

export function passGridOf(schedule: GridFields): PassGrid {
  return { start: schedule.startAt, everyMs: schedule.everyMs, timeZone: schedule.timeZone };
}
