import { DAY_MS, wallToInstant, zoneOffsetMs } from './zoned-time';

/** The shortest interval between passes users may ask for (config may lower it for tests). */
export const DEFAULT_MIN_PASS_INTERVAL_MS = 3_600_000;
/** A week: a longer gap leaves little for a delta pass to save over a fresh migration. */
export const MAX_EVERY_HOURS = 7 * 24;
/**
 * How long a schedule may hold its accounts' passwords at most, from its creation: a
 * migration's cut-over rarely takes a quarter; longer, and a forgotten schedule keeps secrets
 * for nothing.
 */
export const MAX_SCHEDULE_DAYS = 90;

/** When a schedule's passes fall due: from `start`, every `everyMs`, in the user's zone. */
export interface PassGrid {
  start: Date;
  everyMs: number;
  timeZone: string;
}

/**
 * The grid's `n`th slot (0 is the start). Whole days keep the start's time of day on the
 * zone's clocks across daylight-saving changes (daily at 20:00 stays 20:00); other intervals
 * count elapsed hours, which a clock change neither stretches nor shortens.
 */
export function passSlot(grid: PassGrid, n: number): Date {
  const start = grid.start.getTime();
  if (grid.everyMs % DAY_MS !== 0) return new Date(start + n * grid.everyMs);
  const wall = start + zoneOffsetMs(start, grid.timeZone);
  return new Date(wallToInstant(wall + n * grid.everyMs, grid.timeZone));
}

/** The first slot of the grid after `after`: a pass overdue for a while runs once, not for each slot missed. */
export function nextPassAfter(grid: PassGrid, after: Date): Date {
  const elapsed = after.getTime() - grid.start.getTime();
  // A day's slot moves by an hour at most across a clock change: start one slot early.
  let n = Math.max(0, Math.floor(elapsed / grid.everyMs) - 1);
  while (passSlot(grid, n) <= after) n += 1;
  return passSlot(grid, n);
}

/** When a schedule created at `created` ends: its end date, or MAX_SCHEDULE_DAYS after `created`. */
export function scheduleEnd(created: Date, endsAt?: Date): Date {
  const latest = new Date(created.getTime() + MAX_SCHEDULE_DAYS * DAY_MS);
  return endsAt && endsAt < latest ? endsAt : latest;
}
