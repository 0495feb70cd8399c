import type { JobCounters, JobStatus } from '@btsx/contracts/core';

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];
const SECOND_MS = 1000;

/** 1536 -> "1.5 kB" (decimal units, as disk and mail quotas are usually shown). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** 12.345 -> "12.3 msg/s"; below 10 one decimal, above none. */
export function formatMessageRate(perSecond: number): string {
  const digits = perSecond >= 10 ? 0 : 1;
  return `${perSecond.toFixed(digits)} msg/s`;
}

/** Bytes per second as "1.2 MB/s". */
export function formatByteRate(bytesPerSecond: number): string {
  return `${(bytesPerSecond / 1_000_000).toFixed(bytesPerSecond >= 10_000_000 ? 0 : 1)} MB/s`;
}

/** 3725000 -> "1h 2m"; 125000 -> "2m 5s"; 4000 -> "4s". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / SECOND_MS));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** "1 folder", "3 folders": a count with its noun (English plural in -s). */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

type Done = Pick<JobCounters, 'copied' | 'skipped' | 'failed' | 'filtered'>;

/**
 * Messages a job or task has dealt with: copied, skipped (already there), failed, or left
 * out by the job's message filter.
 */
export function messagesDone(counters: Done): number {
  return counters.copied + counters.skipped + counters.failed + counters.filtered;
}

/**
 * How far a job is, in whole percent rounded down (100 only once every message is dealt
 * with); null while the total is unknown (Progress Updates off). Nothing to copy is done.
 */
export function percentDone(counters: Done & Pick<JobCounters, 'total'>): number | null {
  const { total } = counters;
  if (total === null) return null;
  if (total === 0) return 100;
  return Math.min(100, Math.floor((messagesDone(counters) / total) * 100));
}

/** Time left for `remaining` messages at `perSecond`, or null when it cannot be told yet. */
export function estimateRemainingMs(remaining: number, perSecond: number): number | null {
  if (remaining <= 0) return 0;
  if (!(perSecond > 0)) return null;
  return (remaining / perSecond) * SECOND_MS;
}

const STATUS_LABELS: Record<JobStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  verifying: 'Verifying',
  completed: 'Completed',
  completed_with_errors: 'Completed with errors',
  incomplete: 'Incomplete',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function formatStatus(status: JobStatus): string {
  return STATUS_LABELS[status];
}

/** "completed_with_errors" -> "completed with errors": a state as a table shows it. */
export function formatStateLabel(state: string): string {
  return state.replace(/_/g, ' ');
}
