import type {
  FolderMark,
  MessageFailure,
  MessageFilter,
  RenamedFrom,
  SinceLastPass,
} from '@btsx/contracts';
import type { CopyCounts } from './checkpoint';

export interface FolderCopyTask {
  taskId: string;
  sourceFolder: string;
  destinationFolder: string;
  uidFrom: number;
  uidTo?: number;
  /**
   * Check every message against the destination by content, copy none found there again,
   * and give each copy found (by content or the ledger) the source message's flags.
   */
  reconcileExisting: boolean;
  /** Expunge each source message once the destination confirmed it. */
  deleteSource: boolean;
  /**
   * This task ran before (a crashed or lost worker): the first batch after the checkpoint,
   * or the very first batch when none was saved, may already be at the destination.
   */
  redelivered?: boolean;
  /** Source folders whose messages are left out (counted as skipped): Gmail's All Mail. */
  skipMessagesIn?: string[];
  /** Which messages to copy (the job's message filter); every one when absent. */
  messages?: MessageFilter;
  /** The folder's message count when it was planned (LIST-STATUS), if the server said. */
  listedMessages?: number;
  /** The folder's UIDNEXT when it was planned, if the server said. */
  listedUidNext?: number;
  /** A delta pass: where the previous pass ended (`uidFrom` is its `uidNext`). */
  since?: FolderMark;
  /** A delta pass over a folder renamed since: the names the previous pass copied it under. */
  renamedFrom?: RenamedFrom;
  /** A delta pass deletes at the destination the copies of what the source removed. */
  mirrorDeletions?: boolean;
}

export interface FolderCopyResult {
  counts: CopyCounts;
  failures: MessageFailure[];
  /** Delete Source: copied messages left in the source, and why. */
  kept: MessageFailure[];
  /** Where this pass ended: the next delta pass starts there. */
  mark?: FolderMark;
  /** A delta pass: what changed at the source below the previous mark. */
  sinceLastPass?: SinceLastPass;
}
