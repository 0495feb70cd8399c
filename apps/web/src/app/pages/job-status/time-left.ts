import { estimateRemainingMs } from '@btsx/format';
import type { Rate } from './rate-meter';

/** The page re-reads its clock this often while a job waits: a wait's minutes go by. */
export const WAIT_CLOCK_MS = 30_000;

/**
 * Time left: a wait for a quota still ahead, then the messages left at the rate measured
 * while the job copied (a waiting job sends no progress, so its meter keeps that rate).
 * Null when neither is known.
 */
export function timeLeftMs(
  remaining: number,
  rate: Rate | null,
  waitingUntil: string | null,
  now: number,
): number | null {
  const waitMs = waitingUntil ? Math.max(0, Date.parse(waitingUntil) - now) : 0;
  const copyMs = rate ? estimateRemainingMs(remaining, rate.messagesPerSecond) : null;
  if (copyMs === null) return waitMs > 0 ? waitMs : null;
  return waitMs + copyMs;
}
