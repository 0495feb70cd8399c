import type { MessageFailure } from '@btsx/contracts';
import type { FolderUids } from '../pipeline/select-reply';

export interface CopyCounts {
  copied: number;
  skipped: number;
  failed: number;
  /** Left out by the job's message filter: not copied, and not missing. */
  filtered: number;
  bytes: number;
}

export const NO_COPY_COUNTS: Readonly<CopyCounts> = {
  copied: 0,
  skipped: 0,
  failed: 0,
  filtered: 0,
  bytes: 0,
};

/** Where a task stands: every source UID up to `lastUid` in that UIDVALIDITY has been handled. */
export interface Checkpoint extends CopyCounts {
  uidValidity: string;
  lastUid: number;
  /** Refusals so far, so a resumed task still reports the ones from before the restart. */
  failures: MessageFailure[];
  /** Delete Source: copied messages left in the source because nothing proved them there. */
  kept?: MessageFailure[];
  /**
   * The destination folder's next UID when the next batch begins: whatever a batch that
   * crashed appended is at or above it. Absent where the destination did not say.
   */
  destinationMark?: FolderUids;
}

/** Persists checkpoints per task (the copier app keeps them in its own schema). */
export interface CheckpointStore {
  load(taskId: string): Promise<Checkpoint | null>;
  save(taskId: string, checkpoint: Checkpoint): Promise<void>;
}
