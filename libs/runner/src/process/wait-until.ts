/** Delay between readiness probes: servers here become ready in 40–200 ms. */
const POLL_INTERVAL_MS = 20;

/**
 * Polls `probe` until it returns true. Fails after `timeoutMs`, or as soon as `abort`
 * settles (the server process died), with `describe()` in the message to help debugging.
 */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  options: { timeoutMs: number; abort?: Promise<string>; describe?: () => Promise<string> },
): Promise<void> {
  let aborted: string | undefined;
  void options.abort?.then((reason) => (aborted = reason));
  const deadline = Date.now() + options.timeoutMs;
  while (!aborted && Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  const details = options.describe ? await options.describe().catch(() => '') : '';
  const reason = aborted ?? `not ready after ${options.timeoutMs} ms`;
  throw new Error(`${what}: ${reason}${details ? `\n${details}` : ''}`);
}
