import type { SchedulePassView } from '@btsx/contracts/core';

/** A time as a zone's clocks show it: `2026-12-05 20:00 (Europe/Berlin)`. */
export function formatZonedTime(iso: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));
  return `${text} (${timeZone})`;
}

/** "full pass", "delta pass" or "final delta pass". */
export function formatPassKind(pass: Pick<SchedulePassView, 'delta' | 'final'>): string {
  if (pass.final) return 'final delta pass';
  return pass.delta ? 'delta pass' : 'full pass';
}
