import { Injectable } from '@nestjs/common';

type Listener = (jobId: string) => void;

/**
 * In-process news that a job changed, for this replica's live views, where no job.updated
 * comes: task progress is broadcast to every replica, each records it and tells only its own.
 */
@Injectable()
export class JobChanges {
  private readonly listeners = new Set<Listener>();

  /** Returns the function that stops listening. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(jobId: string): void {
    for (const listener of [...this.listeners]) listener(jobId);
  }
}
