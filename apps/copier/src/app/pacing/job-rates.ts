import type { TransferLimits } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { TokenBucket } from './token-bucket';

/** A job's speed limits as one copier paces them, across the job's tasks it runs. */
export class JobRate {
  private readonly bytes: TokenBucket | undefined;
  private readonly messages: TokenBucket | undefined;

  constructor(limits: TransferLimits, now?: () => number) {
    if (limits.bytesPerSecond) this.bytes = new TokenBucket(limits.bytesPerSecond, now);
    if (limits.messagesPerSecond) this.messages = new TokenBucket(limits.messagesPerSecond, now);
  }

  /** How long to wait before one message of `size` bytes may be sent. */
  waitFor(size: number): number {
    return Math.max(this.bytes?.take(size) ?? 0, this.messages?.take(1) ?? 0);
  }
}

/** The speed limits of the jobs this copier works on, by job id. */
@Injectable()
export class JobRates {
  private readonly rates = new Map<string, JobRate>();

  /** The job's rate, shared by its tasks here; undefined when the job has no limit. */
  of(jobId: string, limits: TransferLimits | undefined): JobRate | undefined {
    if (!limits?.bytesPerSecond && !limits?.messagesPerSecond) return undefined;
    let rate = this.rates.get(jobId);
    if (!rate) this.rates.set(jobId, (rate = new JobRate(limits)));
    return rate;
  }

  forget(jobId: string): void {
    this.rates.delete(jobId);
  }
}
