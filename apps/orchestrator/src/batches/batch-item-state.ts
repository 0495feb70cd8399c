import {
  BatchItemState,
  BatchItemView,
  BatchState,
  BatchTotals,
  isTerminal,
  JobStatus,
} from '@btsx/contracts';
import { BatchItemRow } from './batch-store';
import { BatchIntent } from './batch.entity';

/** A job that ended but not cleanly: retry runs these again. */
export const RETRYABLE: readonly JobStatus[] = [
  'failed',
  'completed_with_errors',
  'incomplete',
  'cancelled',
];

/** An item with a job is in its job's state; a job deleted by retention counts as ended. */
export function itemState(row: Pick<BatchItemRow, 'phase' | 'jobStatus'>): BatchItemState {
  if (row.phase !== 'started') return row.phase;
  return row.jobStatus ?? 'completed';
}

/** Waiting, being started, or a job not yet ended (queued, running, verifying...). */
export function isActive(state: BatchItemState): boolean {
  return state === 'pending' || state === 'starting' || !isTerminal(state as JobStatus);
}

export function isEndedJob(state: BatchItemState): state is JobStatus {
  return !isActive(state);
}

export function toItemView(row: BatchItemRow): BatchItemView {
  return {
    line: row.line,
    sourceHost: row.sourceHost,
    sourceUsername: row.sourceUsername,
    destinationHost: row.destinationHost,
    destinationUsername: row.destinationUsername,
    state: itemState(row),
    jobId: row.jobId,
    runs: row.runs,
    copied: row.copied,
    skipped: row.skipped,
    failed: row.failed,
    filtered: row.filtered,
    bytes: row.bytes,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.jobError ?? row.itemError,
  };
}

export function totalsOf(items: BatchItemView[]): BatchTotals {
  const totals: BatchTotals = {
    items: 0,
    states: {},
    copied: 0,
    skipped: 0,
    failed: 0,
    filtered: 0,
    bytes: 0,
  };
  for (const item of items) {
    totals.items += 1;
    totals.states[item.state] = (totals.states[item.state] ?? 0) + 1;
    totals.copied += item.copied;
    totals.skipped += item.skipped;
    totals.failed += item.failed;
    totals.filtered += item.filtered;
    totals.bytes += item.bytes;
  }
  return totals;
}

/** What the dashboard shows: the admin's intent, or completed once nothing is left to do. */
export function batchState(intent: BatchIntent, items: BatchItemView[]): BatchState {
  if (intent === 'cancelled') return 'cancelled';
  if (!items.some((i) => isActive(i.state))) return 'completed';
  return intent;
}
