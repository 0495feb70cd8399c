import { ImapError } from './imap-error';

/** A throttling reply without a suggested backoff (RFC 5530 UNAVAILABLE, Gmail) waits this. */
const DEFAULT_THROTTLE_WAIT_MS = 30_000;

/**
 * For a throttling failure, the same error with the wait to honour before the retry: what the
 * server suggested (Microsoft 365's "Suggested Backoff Time"), at most `maxWaitMs`. Undefined
 * for any other failure.
 */
export function throttleBackoff(error: unknown, maxWaitMs: number): ImapError | undefined {
  if (!(error instanceof ImapError) || error.kind !== 'throttled') return undefined;
  const waitMs = Math.min(error.retryAfterMs ?? DEFAULT_THROTTLE_WAIT_MS, maxWaitMs);
  return new ImapError('throttled', error.message, false, waitMs);
}
