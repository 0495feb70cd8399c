import type { MessageFailure } from '@btsx/contracts';
import type { ImapSession } from '../session/imap-session';
import { deleteCopiedMessages } from '../messages/delete-copied-messages';
import { fetchBatch } from '../messages/fetch-batch';
import { sameFlags } from '../flags/flag-sets';
import { listMessageSizes, type MessageSize } from '../messages/list-message-sizes';
import { readIdentities } from '../messages/read-identities';
import { setMessageFlags } from '../messages/set-message-flags';
import type { FolderUids } from '../pipeline/pipelined-appender';
import type { CheckpointStore, CopyCounts } from './checkpoint';
import { accountPairKey, type CopyLedger, type LedgerScope } from './copy-ledger';
import type { FolderCopyResult, FolderCopyTask } from './copy-task';
import { checkpointOf, contentCheck, type CopyRun, soFar } from './copy-run';
import { type AppendedMessage, type KnownCopy, KnownCopies } from './known-copies';
import type { Destination } from './destination-line';
import type { MessageSender } from './message-sender';
import { planBatches } from './plan-batches';

/** Messages per checkpoint: a crash redoes at most this many identity checks. */
export const BATCH_SIZE = 200;
/** Bytes per checkpoint, so a folder of large messages still checkpoints every few seconds. */
export const BATCH_BYTES = 32 * 1024 * 1024;

const DELETED = '\\Deleted';

/** Why Delete Source left a copied message in the source. */
export const UNPROVEN_REASON =
  'kept in the source: the destination accepted it but did not say where it stored it, and it was not found there afterwards';

export interface FolderCopierDeps {
  source: ImapSession;
  destination: Destination;
  checkpoints: CheckpointStore;
  /** What earlier runs copied between these two accounts (and where it is). */
  ledger: CopyLedger;
  onProgress(counts: CopyCounts): void;
  signal?: AbortSignal;
  /** A graceful stop: finish and checkpoint the batch in hand, then throw this signal's reason. */
  stopBetweenBatches?: AbortSignal;
  /** The destination refuses larger messages (Gmail: 35 MB): fail them without sending. */
  maxMessageBytes?: number;
}

/**
 * Copies one task (a folder or a UID range of it) in UID order, in batches, checkpointing after
 * each batch. What is already at the destination (the copy ledger, or proven by content where
 * the run checks it) is not copied again; a message the destination refuses is recorded and
 * skipped; anything else (connection lost, throttled) is thrown for the caller to retry the
 * whole task, which resumes from its checkpoint without duplicating.
 */
export class FolderCopier {
  constructor(private readonly deps: FolderCopierDeps) {}

  async copy(task: FolderCopyTask): Promise<FolderCopyResult> {
    this.deps.signal?.throwIfAborted();
    // The writer's connection logs in while the source is examined: round trips side by side.
    const sender = this.deps.destination.senderFor(task.destinationFolder);
    // Awaited in copyWith, unless the source fails first: never an unhandled rejection.
    sender.catch(() => undefined);
    return this.copyWith(task, sender);
  }

  private async copyWith(
    task: FolderCopyTask,
    opening: Promise<MessageSender>,
  ): Promise<FolderCopyResult> {
    const { source, checkpoints, signal } = this.deps;
    const elsewhere = await this.identitiesIn(task.skipMessagesIn ?? []);
    // EXAMINE keeps the source untouched (no \Recent, no implicit \Seen) unless we must delete.
    const access = { readOnly: !task.deleteSource };
    const mailbox = await source.openFolder(task.sourceFolder, access.readOnly);
    const uidValidity = mailbox.uidValidity.toString();
    const saved = await checkpoints.load(task.taskId);
    const resumed = saved?.uidValidity === uidValidity ? saved : null;
    const from = resumed ? Math.max(task.uidFrom, resumed.lastUid + 1) : task.uidFrom;
    const sofar = soFar(resumed);
    if (task.uidTo !== undefined && from > task.uidTo) return sofar;

    const range = { from, to: task.uidTo };
    const sizes = await listMessageSizes(source, task.sourceFolder, range, access);
    const batches = planBatches(sizes, { maxMessages: BATCH_SIZE, maxBytes: BATCH_BYTES });
    const sender = await opening;
    const check = contentCheck(task, saved, resumed, sender.folderUids);
    const scope = this.scope(task, uidValidity, sender.folderUids);
    const folders = { source: task.sourceFolder, destination: task.destinationFolder };
    const deps = { ...this.deps, folders, scope, sourceAccess: access };
    const known = await KnownCopies.open(deps, check);
    const run: CopyRun = {
      task,
      access,
      ...sofar,
      elsewhere,
      known,
      sender,
      mark: sender.folderUids,
    };
    // Before the first batch: a crash inside it then still leaves a mark to look above.
    if (!resumed) await checkpoints.save(task.taskId, checkpointOf(run, uidValidity, from - 1));
    for (const [n, batch] of batches.entries()) {
      signal?.throwIfAborted();
      this.deps.stopBetweenBatches?.throwIfAborted();
      const confirmed = await this.copyBatch(run, batch, n);
      // Delete before checkpointing: a crash in between leaves UIDs that the next run finds
      // gone, or finds at the destination in the ledger; never a copied message left behind.
      if (task.deleteSource) await deleteCopiedMessages(source, task.sourceFolder, confirmed);
      const lastUid = batch[batch.length - 1].uid;
      await checkpoints.save(task.taskId, checkpointOf(run, uidValidity, lastUid));
      this.deps.onProgress({ ...run.counts });
    }
    return { counts: run.counts, failures: run.failures, kept: run.kept };
  }

  private scope(
    task: FolderCopyTask,
    sourceUidValidity: string,
    destination: FolderUids | undefined,
  ): LedgerScope | undefined {
    if (!destination) return undefined;
    return {
      accounts: accountPairKey(this.deps.source.endpoint, this.deps.destination.endpoint),
      sourceFolder: task.sourceFolder,
      sourceUidValidity,
      destinationFolder: task.destinationFolder,
      destinationUidValidity: destination.uidValidity,
    };
  }

  /**
   * Sends one batch and waits for every answer; returns the source UIDs now safe to delete:
   * those proven at the destination, never a message the user flagged \Deleted.
   */
  private async copyBatch(run: CopyRun, batch: MessageSize[], n: number): Promise<number[]> {
    const { task, counts } = run;
    const known = await run.known.inBatch(
      batch.map((m) => m.uid),
      n,
    );
    const proven: number[] = [];
    const prove = (uid: number, flags: readonly string[]) => {
      // A message the user already flagged \Deleted is theirs to expunge, not ours.
      if (!flags.includes(DELETED)) proven.push(uid);
    };
    for (const copy of known.values()) {
      counts.skipped++;
      if (task.reconcileExisting) await this.alignFlags(task, copy);
      prove(copy.source.uid, copy.source.flags);
    }
    const batchStart = run.mark?.uidNext;
    const appended = await this.send(
      run,
      batch.filter((m) => !known.has(m.uid)),
    );
    if (batchStart !== undefined) await run.known.locate(appended, batchStart);
    await run.known.record([
      ...[...known.values()].filter((c) => c.proof === 'content').map(contentEntry),
      ...appended.flatMap(appendedEntry),
    ]);
    for (const message of appended) {
      if (message.destinationUid !== undefined) prove(message.sourceUid, message.flags);
      else if (task.deleteSource) run.kept.push(this.unproven(task, message));
    }
    this.advanceMark(run, appended);
    return proven;
  }

  /** Fetches and sends the batch's messages; what the destination accepted, with its UIDs. */
  private async send(
    run: CopyRun,
    batch: MessageSize[],
  ): Promise<(AppendedMessage & { flags: string[] })[]> {
    const { task, counts, failures } = run;
    const appended: (AppendedMessage & { flags: string[] })[] = [];
    const { sendable, tooBig } = this.splitBySize(batch);
    for (const { uid, size } of tooBig) {
      counts.failed++;
      failures.push({ folder: task.sourceFolder, uid, size, reason: this.tooBigReason(size) });
    }
    const unreadable = ({ uid, size }: MessageSize, reason: string) => {
      counts.failed++;
      failures.push({ folder: task.sourceFolder, uid, size, reason });
    };
    for await (const message of fetchBatch(
      this.deps.source,
      task.sourceFolder,
      sendable,
      run.access,
      unreadable,
    )) {
      this.deps.signal?.throwIfAborted();
      if (run.elsewhere.has(message.identity)) {
        counts.skipped++;
        continue;
      }
      await run.sender.send(message, (result) => {
        const { uid, size, identity, flags } = message;
        if (result.kind === 'copied') {
          counts.copied++;
          counts.bytes += size;
          appended.push({ sourceUid: uid, identity, size, flags, destinationUid: result.uid });
        } else {
          counts.failed++;
          failures.push({ folder: task.sourceFolder, uid, size, reason: result.reason });
        }
        // Per message, so a cancel mid-batch still reports what really arrived.
        this.deps.onProgress({ ...counts });
      });
    }
    await run.sender.flush();
    return appended;
  }

  private async alignFlags(task: FolderCopyTask, copy: KnownCopy): Promise<void> {
    if (sameFlags(copy.destinationFlags, copy.source.flags)) return;
    await setMessageFlags(
      await this.deps.destination.session(),
      task.destinationFolder,
      copy.destinationUid,
      copy.source.flags,
    );
  }

  /** Past every UID this batch was given: a later crash looks only above it. */
  private advanceMark(run: CopyRun, appended: AppendedMessage[]): void {
    if (!run.mark) return;
    const highest = Math.max(0, ...appended.map((m) => m.destinationUid ?? 0));
    run.mark = { ...run.mark, uidNext: Math.max(run.mark.uidNext, highest + 1) };
  }

  private unproven(task: FolderCopyTask, message: AppendedMessage): MessageFailure {
    const { sourceUid: uid, size } = message;
    return { folder: task.sourceFolder, uid, size, reason: UNPROVEN_REASON };
  }

  private splitBySize(batch: MessageSize[]) {
    const limit = this.deps.maxMessageBytes ?? Infinity;
    return {
      sendable: batch.filter((m) => m.size <= limit),
      tooBig: batch.filter((m) => m.size > limit),
    };
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
}

function contentEntry(copy: KnownCopy) {
  return { sourceUid: copy.source.uid, destinationUid: copy.destinationUid };
}

function appendedEntry(message: AppendedMessage) {
  const { sourceUid, destinationUid } = message;
  return destinationUid === undefined ? [] : [{ sourceUid, destinationUid }];
}
