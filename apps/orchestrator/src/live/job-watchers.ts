import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { JobChanges } from '../jobs/job-changes';

type Wake = () => void;

/**
 * The open live views of this replica, by job, so a change wakes only its own: job.updated
 * (JobUpdatedHandler) after every committed change on any replica, and JobChanges for the
 * task progress this replica recorded.
 */
@Injectable()
export class JobWatchers implements OnModuleDestroy {
  private readonly byJob = new Map<string, Set<Wake>>();
  private readonly stopListening: () => void;

  constructor(changes: JobChanges) {
    this.stopListening = changes.listen((jobId) => this.wake(jobId));
  }

  onModuleDestroy(): void {
    this.stopListening();
  }

  /** Returns the function that removes the watcher again. */
  add(jobId: string, wake: Wake): () => void {
    const set = this.byJob.get(jobId) ?? new Set<Wake>();
    set.add(wake);
    this.byJob.set(jobId, set);
    return () => {
      set.delete(wake);
      if (set.size === 0 && this.byJob.get(jobId) === set) this.byJob.delete(jobId);
    };
  }

  wake(jobId: string): void {
    for (const wake of [...(this.byJob.get(jobId) ?? [])]) wake();
  }

  /** Every open view of every job: news may have been lost. */
  wakeAll(): void {
    for (const jobId of [...this.byJob.keys()]) this.wake(jobId);
  }

  get size(): number {
    let count = 0;
    for (const set of this.byJob.values()) count += set.size;
    return count;
  }
}
