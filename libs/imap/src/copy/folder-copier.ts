import type { MessageFailure } from '@btsx/contracts';
import type { ImapSession } from '../connection/imap-session';
import { deleteCopiedMessages } from '../messages/delete-copied-messages';
import { fetchLargeMessage, LARGE_MESSAGE_BYTES } from '../messages/fetch-large-message';
import { fetchMessages, type FetchedMessage } from '../messages/fetch-messages';
import type { FolderAccess } from '../messages/folder-access';
import { discardBody } from '../messages/spooled-body';
import { listMessageSizes } from '../messages/list-message-sizes';
import { readIdentities } from '../messages/read-identities';
import { setMessageFlags } from '../messages/set-message-flags';
import type { CheckpointStore, CopyCounts } from './checkpoint';
import type { FolderCopyResult, FolderCopyTask } from './copy-task';
import { IdentityIndex } from './identity-index';
import { MessageSender, openSender } from './message-sender';
import { planBatches } from './plan-batches';

/** Messages per checkpoint: a crash redoes at most this many identity checks. */
export const BATCH_SIZE = 200;
/** Bytes per checkpoint, so a folder of large messages still checkpoints every few seconds. */
export const BATCH_BYTES = 32 * 1024 * 1024;

const DELETED = '\\Deleted';

export interface FolderCopierDeps {
  source: ImapSession;
  destination: ImapSession;
  checkpoints: CheckpointStore;
  onProgress(counts: CopyCounts): void;
  signal?: AbortSignal;
  /** A graceful stop: finish and checkpoint the batch in hand, then throw this signal's reason. */
  stopBetweenBatches?: AbortSignal;
  /** The destination refuses larger messages (Gmail: 35 MB): fail them without sending. */
  maxMessageBytes?: number;
  /** Pipeline APPENDs where the destination allows it (default); false: one at a time. */
  pipelineAppends?: boolean;
  /**
   * Where messages for a folder go; by default a writer of the copier's own (openSender),
   * closed when the copy ends. A caller that keeps connections between tasks passes its own.
   */
  openSender?: (folder: string) => Promise<MessageSender>;
}

/** One run of a task: where it stands, what it found, how it sends. */
interface CopyRun {
  task: FolderCopyTask;
  readOnly: boolean;
  counts: CopyCounts;
  failures: MessageFailure[];
  /** Identities of messages other folders copy (Gmail's labels, for All Mail). */
  elsewhere: Set<string>;
  dedup: DedupPlan;
  sender: MessageSender;
}

/** How the run relates to the destination's existing messages. */
interface DedupPlan {
  index?: IdentityIndex;
  /** Check every message (replaceExisting, or a new UIDVALIDITY made the checkpoint useless). */
  checkAll: boolean;
  /** Check only the first batch: the one a crash may have appended without checkpointing. */
  checkFirstBatch: boolean;
}

/**
 * Copies one task (a folder or a UID range of it) in UID order, in batches, checkpointing after
 * each batch. Re-running a task after any failure resumes from its checkpoint without
 * duplicating; a message the destination refuses is recorded and skipped; anything else
 * (connection lost, throttled) is thrown for the caller to retry the whole task.
 */
export class FolderCopier {
  constructor(private readonly deps: FolderCopierDeps) {}

  async copy(task: FolderCopyTask): Promise<FolderCopyResult> {
    this.deps.signal?.throwIfAborted();
    // The writer's connection logs in while the source is examined: round trips side by side.
    const sender = this.deps.openSender
      ? this.deps.openSender(task.destinationFolder)
      : openSender(
          this.deps.destination,
          task.destinationFolder,
          this.deps.pipelineAppends !== false,
        );
    try {
      return await this.copyWith(task, sender);
    } finally {
      await sender.then(
        (opened) => opened.close(),
        () => undefined,
      );
    }
  }

  private async copyWith(
    task: FolderCopyTask,
    opening: Promise<MessageSender>,
  ): Promise<FolderCopyResult> {
    const { source, checkpoints, signal } = this.deps;
    const elsewhere = await this.identitiesIn(task.skipMessagesIn ?? []);
    // EXAMINE keeps the source untouched (no \Recent, no implicit \Seen) unless we must delete.
    const readOnly = !task.deleteSource;
    const mailbox = await source.openFolder(task.sourceFolder, readOnly);
    const uidValidity = mailbox.uidValidity.toString();
    const saved = await checkpoints.load(task.taskId);
    const resumed = saved?.uidValidity === uidValidity ? saved : null;
    const counts: CopyCounts = resumed
      ? {
          copied: resumed.copied,
          skipped: resumed.skipped,
          failed: resumed.failed,
          bytes: resumed.bytes,
        }
      : { copied: 0, skipped: 0, failed: 0, bytes: 0 };
    const from = resumed ? Math.max(task.uidFrom, resumed.lastUid + 1) : task.uidFrom;
    const failures: MessageFailure[] = [...(resumed?.failures ?? [])];
    if (task.uidTo !== undefined && from > task.uidTo) return { counts, failures };

    const sizes = await listMessageSizes(
      source,
      task.sourceFolder,
      { from, to: task.uidTo },
      { readOnly },
    );
    const batches = planBatches(sizes, { maxMessages: BATCH_SIZE, maxBytes: BATCH_BYTES });
    const dedup = await this.planDedup(task, {
      resumed: resumed !== null || task.redelivered === true,
      uidValidityChanged: saved !== null && !resumed,
    });
    const sender = await opening;
    const run: CopyRun = { task, readOnly, counts, failures, elsewhere, dedup, sender };
    for (const [n, batch] of batches.entries()) {
      signal?.throwIfAborted();
      this.deps.stopBetweenBatches?.throwIfAborted();
      const checkIdentity = dedup.checkAll || (dedup.checkFirstBatch && n === 0);
      const confirmed = await this.copyBatch(run, batch, checkIdentity);
      // Delete before checkpointing: a crash in between leaves UIDs that the next run finds
      // gone, or finds at the destination by identity; never a copied message left behind.
      if (task.deleteSource) await deleteCopiedMessages(source, task.sourceFolder, confirmed);
      const lastUid = batch[batch.length - 1].uid;
      await checkpoints.save(task.taskId, { uidValidity, lastUid, ...counts, failures });
      this.deps.onProgress({ ...counts });
    }
    return { counts, failures };
  }

  /** Sends one batch and waits for every answer; returns the source UIDs now safe to delete. */
  private async copyBatch(
    run: CopyRun,
    batch: { uid: number; size: number }[],
    checkIdentity: boolean,
  ): Promise<number[]> {
    const { task, counts, failures } = run;
    const confirmed: number[] = [];
    const confirm = (message: FetchedMessage) => {
      // A message the user already flagged \Deleted is theirs to expunge, not ours.
      if (!message.flags.includes(DELETED)) confirmed.push(message.uid);
      // Per message, so a cancel mid-batch still reports what really arrived.
      this.deps.onProgress({ ...counts });
    };
    const { sendable, tooBig } = this.splitBySize(batch);
    for (const { uid, size } of tooBig) {
      counts.failed++;
      failures.push({ folder: task.sourceFolder, uid, size, reason: this.tooBigReason(size) });
    }
    for await (const message of this.fetch(task.sourceFolder, sendable, run)) {
      this.deps.signal?.throwIfAborted();
      if (run.elsewhere.has(message.identity)) {
        counts.skipped++;
        continue;
      }
      if (checkIdentity && (await this.alreadyThere(task, message, run.dedup))) {
        counts.skipped++;
        confirm(message);
        continue;
      }
      await run.sender.send(message, (result) => {
        if (result.kind === 'copied') {
          counts.copied++;
          counts.bytes += message.size;
          return confirm(message);
        }
        counts.failed++;
        const { uid, size } = message;
        failures.push({ folder: task.sourceFolder, uid, size, reason: result.reason });
      });
    }
    await run.sender.flush();
    return confirmed;
  }

  /** True when the destination holds this message; with replaceExisting its flags are aligned. */
  private async alreadyThere(
    task: FolderCopyTask,
    message: FetchedMessage,
    dedup: DedupPlan,
  ): Promise<boolean> {
    // Only a message of the same size counts as present: a different letter that reuses a
    // Message-ID must never be taken for it (and then lost, or deleted from the source).
    const present = dedup.index?.take(message.identity, message.size);
    if (!present) return false;
    if (task.replaceExisting && !sameFlags(present.flags, message.flags)) {
      const { destination } = this.deps;
      await setMessageFlags(destination, task.destinationFolder, present.uid, message.flags);
    }
    return true;
  }

  private splitBySize(batch: { uid: number; size: number }[]) {
    const limit = this.deps.maxMessageBytes ?? Infinity;
    return {
      sendable: batch.filter((m) => m.size <= limit),
      tooBig: batch.filter((m) => m.size > limit),
    };
  }

  /**
   * The batch's messages: small ones streamed in one FETCH, then each large one in pieces
   * through a spool file, removed once the message was handled.
   */
  private async *fetch(
    folder: string,
    messages: { uid: number; size: number }[],
    access: FolderAccess,
  ): AsyncGenerator<FetchedMessage> {
    const { source } = this.deps;
    const small = messages.filter((m) => m.size < LARGE_MESSAGE_BYTES).map((m) => m.uid);
    yield* fetchMessages(source, folder, small, access);
    for (const { uid } of messages.filter((m) => m.size >= LARGE_MESSAGE_BYTES)) {
      const message = await fetchLargeMessage(source, folder, uid, access);
      if (!message) continue;
      try {
        yield message;
      } finally {
        await discardBody(message.raw);
      }
    }
  }

  private tooBigReason(size: number): string {
    const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
    return `The destination accepts messages up to ${mb(this.deps.maxMessageBytes ?? 0)}; this one is ${mb(size)}`;
  }

  /** Every identity held by these source folders, read before the task's folder is opened. */
  private async identitiesIn(folders: string[]): Promise<Set<string>> {
    const identities = new Set<string>();
    for (const folder of folders) {
      const found = await readIdentities(this.deps.source, folder, { readOnly: true });
      for (const identity of found.keys()) identities.add(identity);
    }
    return identities;
  }

  private async planDedup(
    task: FolderCopyTask,
    state: { resumed: boolean; uidValidityChanged: boolean },
  ): Promise<DedupPlan> {
    const checkAll = task.replaceExisting || state.uidValidityChanged;
    const checkFirstBatch = state.resumed;
    if (!checkAll && !checkFirstBatch) return { checkAll, checkFirstBatch };
    // Read-write, so the SELECT serves the APPENDs that follow.
    const identities = await readIdentities(this.deps.destination, task.destinationFolder, {
      readOnly: false,
    });
    return { index: new IdentityIndex(identities), checkAll, checkFirstBatch };
  }
}

function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  const norm = (flags: readonly string[]) =>
    flags
      .filter((f) => f.toLowerCase() !== '\\recent')
      .map((f) => f.toLowerCase())
      .sort()
      .join(' ');
  return norm(a) === norm(b);
}
