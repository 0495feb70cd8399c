/** Between two looks at a running system: small against any job, cheap for the servers. */
const POLL_INTERVAL_MS = 100;

/**
 * Polls `probe` until it returns a value other than undefined and returns that value.
 * A probe that throws is tried again (a service may be restarting); after `timeoutMs` the
 * failure names `what` and the last error.
 */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError ? `; last error: ${String(lastError)}` : '';
      throw new Error(`${what}: not after ${timeoutMs} ms${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
