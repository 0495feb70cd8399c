/**
 * A schedule's life: `scheduled` until its first pass, `running` while a pass runs, `waiting`
 * between passes, `final-requested` once someone asked for the final pass (it runs when the
 * current pass ended), then `finished` (the final pass ended, or the end date came) or
 * `cancelled`. Its held credentials exist only in the first four.
 */
export const SCHEDULE_STATES = [
  'scheduled',
  'running',
  'waiting',
  'final-requested',
  'finished',
  'cancelled',
] as const;
export type ScheduleState = (typeof SCHEDULE_STATES)[number];

export const ENDED_SCHEDULE_STATES: readonly ScheduleState[] = ['finished', 'cancelled'];

export function scheduleEnded(state: ScheduleState): boolean {
  return ENDED_SCHEDULE_STATES.includes(state);
}
