import { CANCELLED_JOBS_BUCKET } from '@btsx/contracts';
import { KV, NatsConnection } from 'nats';
import { LazyBucket } from '../bus/jetstream-replicas';

/**
 * A worker's view of cancelled jobs. The orchestrator records a cancel durably (a KV
 * bucket) and broadcasts `job.cancel`; the broadcast fires the AbortSignal of work in
 * progress at once, and the bucket tells a worker that missed the broadcast (started
 * later, or restarted) to refuse the job's remaining tasks.
 */
export class JobCancellations {
  private readonly running = new Map<string, Set<AbortController>>();
  private readonly known = new Set<string>();
  private bucket: LazyBucket | undefined;

  constructor(private readonly nc: NatsConnection) {}

  /** The orchestrator's side: remembered by every worker from now on. */
  async markCancelled(jobId: string): Promise<void> {
    await (await this.kv()).put(jobId, new Uint8Array());
    this.cancel(jobId);
  }

  /** The broadcast's side: aborts the job's work in progress in this process. */
  cancel(jobId: string): void {
    this.known.add(jobId);
    for (const controller of this.running.get(jobId) ?? []) {
      controller.abort(new JobCancelledError(jobId));
    }
  }

  async isCancelled(jobId: string): Promise<boolean> {
    if (this.known.has(jobId)) return true;
    if (!(await (await this.kv()).get(jobId))) return false;
    this.known.add(jobId);
    return true;
  }

  /** A signal that fires when the job is cancelled (at once if it already is). */
  begin(jobId: string): { signal: AbortSignal; end: () => void } {
    const controller = new AbortController();
    if (this.known.has(jobId)) controller.abort(new JobCancelledError(jobId));
    const set = this.running.get(jobId) ?? new Set();
    set.add(controller);
    this.running.set(jobId, set);
    return {
      signal: controller.signal,
      end: () => {
        set.delete(controller);
        if (set.size === 0) this.running.delete(jobId);
      },
    };
  }

  private kv(): Promise<KV> {
    const { name, maxAgeSeconds } = CANCELLED_JOBS_BUCKET;
    this.bucket ??= new LazyBucket(this.nc, name, maxAgeSeconds * 1000);
    return this.bucket.open();
  }
}

export class JobCancelledError extends Error {
  constructor(readonly jobId: string) {
    super(`Job ${jobId} was cancelled`);
  }
}
