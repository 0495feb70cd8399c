import type { MessageFailure } from '@btsx/contracts';

export interface CopyCounts {
  copied: number;
  skipped: number;
  failed: number;
  bytes: number;
}

/** Where a task stands: every source UID up to `lastUid` in that UIDVALIDITY has been handled. */
export interface Checkpoint extends CopyCounts {
  uidValidity: string;
  lastUid: number;
  /** Refusals so far, so a resumed task still reports the ones from before the restart. */
  failures: MessageFailure[];
}

/** Persists checkpoints per task (the copier app keeps them in its own schema). */
export interface CheckpointStore {
  load(taskId: string): Promise<Checkpoint | null>;
  save(taskId: string, checkpoint: Checkpoint): Promise<void>;
}
