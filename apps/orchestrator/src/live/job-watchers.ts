import { Injectable } from '@nestjs/common';

type Wake = () => void;

/** The open live views of this replica, by job, so a job.updated wakes only its own. */
@Injectable()
export class JobWatchers {
  private readonly byJob = new Map<string, Set<Wake>>();

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

  get size(): number {
    let count = 0;
    for (const set of this.byJob.values()) count += set.size;
    return count;
  }
}
