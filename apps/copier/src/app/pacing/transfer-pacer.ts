import type { QuotaAllowance, Sleep } from './quota-allowance';
import type { JobRate } from './job-rates';

/**
 * Paces one task's messages: each waits for its bytes in the source account's download quota
 * and the destination account's upload quota, then for the job's speed limits. Called once per
 * message before it is sent.
 */
export class TransferPacer {
  constructor(
    private readonly allowances: QuotaAllowance[],
    private readonly rate: JobRate | undefined,
    private readonly sleep: Sleep,
    private readonly signal?: AbortSignal,
  ) {}

  /** True when nothing paces this task: its messages go straight through. */
  get idle(): boolean {
    return this.allowances.length === 0 && !this.rate;
  }

  async admit(size: number): Promise<void> {
    for (const allowance of this.allowances) await allowance.take(size);
    const waitMs = this.rate?.waitFor(size) ?? 0;
    if (waitMs > 0) await this.sleep(waitMs, this.signal);
  }

  /** The task ended: what it reserved and did not send goes back to the quotas. */
  async close(): Promise<void> {
    await Promise.all(this.allowances.map((allowance) => allowance.release()));
  }
}
