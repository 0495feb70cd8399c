import { formatDuration } from '@btsx/format';
import { quotaOwnerName, type QuotaWait } from '@btsx/contracts';
import type { StatusLine } from './status-lines';

/** Waits shorter than this show the resume time to the second (test windows, a near slot). */
const SHOW_SECONDS_BELOW_MS = 2 * 60_000;

/**
 * "INBOX: Gmail's daily upload limit reached; resuming at 14:05 UTC (in 3h 12m)". The time is
 * UTC, said so: the orchestrator does not know the user's zone; the wait beside it is theirs.
 */
export function quotaWaitLine(where: string, quota: QuotaWait, now = new Date()): StatusLine {
  const resumesAt = new Date(quota.resumesAt);
  const waitMs = Math.max(0, resumesAt.getTime() - now.getTime());
  const when = `${resumeTime(resumesAt, now, waitMs)} UTC (in ${formatDuration(waitMs)})`;
  const whose = quotaOwnerName(quota.provider, quota.direction);
  const limit = `${whose} daily ${quota.direction} limit reached`;
  return { level: 'warning', message: `${where}: ${limit}; resuming at ${when}` };
}

/** "14:05", "14:05:07" for a short wait, "Dec 5 14:05" on another day. */
function resumeTime(at: Date, now: Date, waitMs: number): string {
  const iso = at.toISOString();
  const time = waitMs < SHOW_SECONDS_BELOW_MS ? iso.slice(11, 19) : iso.slice(11, 16);
  if (iso.slice(0, 10) === now.toISOString().slice(0, 10)) return time;
  const day = at.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return `${day} ${time}`;
}
