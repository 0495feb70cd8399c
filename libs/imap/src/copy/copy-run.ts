import type { MessageFailure } from '@btsx/contracts';
import type { FolderAccess } from '../messages/folder-access';
import type { FolderUids } from '../pipeline/select-reply';
import { type Checkpoint, type CopyCounts, NO_COPY_COUNTS } from './checkpoint';
import type { FolderCopyResult, FolderCopyTask } from './copy-task';
import type { ContentCheck, KnownCopies } from './known-copies';
import type { MessageSender } from './message-sender';

/** One run of a task: where it stands, what it found, how it sends. */
export interface CopyRun {
  task: FolderCopyTask;
  access: FolderAccess;
  counts: CopyCounts;
  failures: MessageFailure[];
  /** Delete Source: copied messages left in the source, unproven at the destination. */
  kept: MessageFailure[];
  /** Identities of messages other folders copy (Gmail's labels, for All Mail). */
  elsewhere: Set<string>;
  known: KnownCopies;
  sender: MessageSender;
  /** The destination's next UID when the next batch begins, if the destination said. */
  mark: FolderUids | undefined;
}

/** What a run starts from: its checkpoint's counts and lists, or nothing yet. */
export function soFar(resumed: Checkpoint | null): FolderCopyResult {
  if (!resumed) {
    return { counts: { ...NO_COPY_COUNTS }, failures: [], kept: [] };
  }
  const { copied, skipped, failed, filtered, bytes } = resumed;
  return {
    counts: { copied, skipped, failed, filtered, bytes },
    failures: [...resumed.failures],
    kept: [...(resumed.kept ?? [])],
  };
}

/**
 * Which batches a run checks by content: all of them under reconcileExisting or after the
 * source's UIDVALIDITY changed (its checkpoint is then useless), the first one when the task
 * ran before (the batch a crash may have appended without checkpointing), looking above the
 * destination mark the checkpoint kept when it still names this destination folder.
 */
export function contentCheck(
  task: FolderCopyTask,
  saved: Checkpoint | null,
  resumed: Checkpoint | null,
  destination: FolderUids | undefined,
): ContentCheck {
  const mark = resumed?.destinationMark;
  return {
    everyBatch: task.reconcileExisting || (saved !== null && !resumed),
    firstBatch: resumed !== null || task.redelivered === true,
    crashMark: mark && mark.uidValidity === destination?.uidValidity ? mark.uidNext : undefined,
  };
}

/** The checkpoint that says the run handled every source UID up to `lastUid`. */
export function checkpointOf(run: CopyRun, uidValidity: string, lastUid: number): Checkpoint {
  const { counts, failures, kept, mark } = run;
  return { uidValidity, lastUid, ...counts, failures, kept, destinationMark: mark };
}
