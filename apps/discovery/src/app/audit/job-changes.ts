import { Injectable } from '@nestjs/common';

/**
 * The jobs the orchestrator just changed (job.updated, heard by every replica): an audit that
 * follows a copy waits here between its questions (CopyFollower).
 */
@Injectable()
export class JobChanges {
  private readonly waiters = new Map<string, Set<() => void>>();

  changed(jobId: string): void {
    const waiting = this.waiters.get(jobId);
    this.waiters.delete(jobId);
    for (const wake of waiting ?? []) wake();
  }

  /**
   * Resolves at the job's next change, after `ms`, or once `signal` aborts, whichever is
   * first. It listens from the call on: call it before asking what changed.
   */
  next(jobId: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const waiting = this.waiters.get(jobId) ?? new Set();
      this.waiters.set(jobId, waiting);
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        waiting.delete(done);
        if (waiting.size === 0 && this.waiters.get(jobId) === waiting) this.waiters.delete(jobId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      waiting.add(done);
    });
  }
}
