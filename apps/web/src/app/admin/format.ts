import type { BatchItemState } from '@btsx/contracts';

/** "completed_with_errors" → "completed with errors". */
export function stateLabel(state: BatchItemState | string): string {
  return state.replace(/_/g, ' ');
}

/** Every state an item can show, for the filter (the app imports only types from contracts). */
export const ITEM_STATES: readonly BatchItemState[] = [
  'pending',
  'starting',
  'queued',
  'running',
  'verifying',
  'completed',
  'completed_with_errors',
  'incomplete',
  'failed',
  'cancelled',
];

/** The server's defaults (DEFAULT_BATCH_CONCURRENCY and _PER_HOST_LIMIT in the contracts). */
export const DEFAULT_LIMITS = { concurrency: 10, perHostLimit: 4 };
