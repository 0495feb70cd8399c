/** The first retry of a failed message waits about this long; each further one twice as long. */
const FIRST_RETRY_MS = 1_000;
/** Backoff stops growing here: a neighbour service restarting is back well within it. */
const MAX_BACKOFF_MS = 30_000;
/**
 * A delay the failure itself asks for (a throttling server's suggested backoff) is honoured up
 * to this; the service that raised it applies its own, usually lower, cap first.
 */
export const MAX_REQUESTED_DELAY_MS = 5 * 60_000;

/**
 * How long a failed message waits before its next delivery: the delay its error asks for
 * (`retryAfterMs`), else exponential backoff with jitter (half fixed, half random), so tasks
 * that failed together (a server restart cuts every connection) do not all come back at once.
 */
export function retryDelay(error: unknown, attempt: number, random = Math.random): number {
  const asked = (error as { retryAfterMs?: unknown })?.retryAfterMs;
  if (typeof asked === 'number') return Math.min(Math.max(0, asked), MAX_REQUESTED_DELAY_MS);
  const backoff = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
  return Math.round(backoff / 2 + random() * (backoff / 2));
}
