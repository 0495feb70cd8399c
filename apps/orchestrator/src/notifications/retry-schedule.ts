/**
 * Attempts at one notification before it is given up on: the first and five retries, which
 * with a 10 s base span about five minutes (10 + 20 + 40 + 80 + 160 s, each jittered).
 */
export const MAX_NOTIFY_ATTEMPTS = 6;

/**
 * How long after failed attempt `attempt` (1 = the first) the next one goes: the base doubled
 * per attempt, each between half and all of it, so receivers that came back do not get every
 * sender's retries at the same instant.
 */
export function retryDelayMs(attempt: number, baseMs: number, random = Math.random): number {
  const full = baseMs * 2 ** (attempt - 1);
  return Math.round(full / 2 + (random() * full) / 2);
}
