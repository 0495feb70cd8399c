/** How long a worker remembers a cancelled job, to refuse its tasks still in the queue. */
const REMEMBER_CANCELLED_MS = 24 * 3600_000;

/**
 * A worker's view of `job.cancel`: work in progress for a job gets its AbortSignal fired,
 * and work arriving later for that job is refused.
 */
export class JobCancellations {
  private readonly running = new Map<string, Set<AbortController>>();
  private readonly cancelledAt = new Map<string, number>();

  /** A signal that fires when the job is cancelled (at once if it already was). */
  begin(jobId: string): { signal: AbortSignal; end: () => void } {
    const controller = new AbortController();
    if (this.isCancelled(jobId)) controller.abort(new JobCancelledError(jobId));
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

  cancel(jobId: string): void {
    this.forgetOld();
    this.cancelledAt.set(jobId, Date.now());
    for (const controller of this.running.get(jobId) ?? []) {
      controller.abort(new JobCancelledError(jobId));
    }
  }

  isCancelled(jobId: string): boolean {
    return this.cancelledAt.has(jobId);
  }

  private forgetOld(): void {
    const horizon = Date.now() - REMEMBER_CANCELLED_MS;
    for (const [jobId, at] of this.cancelledAt) if (at < horizon) this.cancelledAt.delete(jobId);
  }
}

export class JobCancelledError extends Error {
  constructor(readonly jobId: string) {
    super(`Job ${jobId} was cancelled`);
  }
}
