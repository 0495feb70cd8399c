import { JobView } from '@btsx/contracts';
import { ApiAccount, BtsxApiClient } from '@btsx/testing';

/** Generous for the biggest bench run; the bench never waits on a stuck job forever. */
const BENCH_TIMEOUT_MS = 60 * 60_000;

/** Authenticates both accounts, runs a job with progress on, and waits for its end. */
export async function migrateThroughApi(
  base: string,
  from: ApiAccount,
  to: ApiAccount,
): Promise<JobView> {
  const api = new BtsxApiClient(base);
  const { id } = await api.startJob(from, to, { progressUpdates: true });
  return api.waitForEnd(id, BENCH_TIMEOUT_MS);
}
