import {
  compileMessageFilter,
  filtersMessages,
  type MessageFailure,
  messageSizeInWords,
  type RenamedFrom,
} from '@btsx/contracts';
import { deleteCopiedMessages } from '../messages/delete-copied-messages';
import { fetchBatch } from '../messages/fetch-batch';
import type { FetchedMessage } from '../messages/fetch-messages';
import { fetchRange, requestRange } from '../messages/fetch-range';
import type {
  FetchedRows,
  FolderReader,
  OpenedFolder,
  ReadFolder,
} from '../messages/folder-reader';
import { sameFlags } from '../flags/flag-sets';
import {
  type ListedMessage,
  listMessageSizes,
  type MessageSize,
} from '../messages/list-message-sizes';
import { identitiesIn } from '../messages/read-identities';
import { setMessageFlags } from '../messages/set-message-flags';
import type { UidRange } from '../messages/uid-range';
import type { FolderUids } from '../pipeline/select-reply';
import type { Checkpoint, CheckpointStore, CopyCounts } from './checkpoint';
import { accountPairKey, type CopyLedger, type LedgerScope } from './copy-ledger';
import type { FolderCopyResult, FolderCopyTask } from './copy-task';
import { checkpointOf, contentCheck, type CopyRun, soFar } from './copy-run';
import { markOf, passEnd, renumberedSince, sinceLastPass } from './delta-pass';
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
  /** The copier's PipelinedReader; any FolderReader does. */
  source: FolderReader;
  destination: Destination;
  checkpoints: CheckpointStore;
  /** What earlier runs copied between these two accounts (and where it is). */
  ledger: CopyLedger;
  onProgress(counts: CopyCounts): void;
  signal?: AbortSignal;
  /** A graceful stop: finish and checkpoint the batch in hand, then throw this signal's reason. */
  stopBetweenBatches?: AbortSignal;
  /**
   * The destination's provider refuses larger messages (Gmail: 35 MB): fail them without
   * sending. A destination that names its own limit (APPENDLIMIT) is held to the lower one.
   */
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
    const elsewhere = await identitiesIn(this.deps.source, task.skipMessagesIn ?? []);
    // EXAMINE keeps the source untouched (no \Recent, no implicit \Seen) unless we must delete.
    const access = { readOnly: !task.deleteSource };
    const read: ReadFolder = { reader: this.deps.source, folder: task.sourceFolder, access };
    const saved = await this.deps.checkpoints.load(task.taskId);
    const opened = read.reader.openFolder(read.folder, access.readOnly);
    // A first pass over a folder planned small sends its FETCH behind the EXAMINE, at once.
    const plannedSmall =
      saved === null && !task.since && readsWhole(task, elsewhere) ? plannedRange(task) : undefined;
    const early = plannedSmall && { range: plannedSmall, rows: requestRange(read, plannedSmall) };
    try {
      return await this.copyOpened({ task, read, elsewhere, saved, early }, await opened, opening);
    } finally {
      // Rows the run did not read (the ledger knew some of them, or it failed) are let go.
      early?.rows.discard();
    }
  }

  private async copyOpened(
    start: RunStart,
    mailbox: OpenedFolder,
    opening: Promise<MessageSender>,
  ): Promise<FolderCopyResult> {
    const { read, elsewhere, saved, early } = start;
    const { checkpoints } = this.deps;
    const { access } = read;
    const uidValidity = mailbox.uidValidity.toString();
    const renumbered = renumberedSince(start.task.since, uidValidity);
    const task = renumbered ? fromTheStart(start.task) : start.task;
    const resumed = saved?.uidValidity === uidValidity ? saved : null;
    const from = resumed ? Math.max(task.uidFrom, resumed.lastUid + 1) : task.uidFrom;
    const sofar = soFar(resumed);
    const range = { from, to: passEnd(mailbox, task.uidTo) };
    const done = range.to !== undefined && from > range.to;
    if (done && !task.since) return { ...sofar, mark: markOf(mailbox, range.to! + 1, task) };

    const { everyBatch, firstBatch } = contentCheck(task, saved, resumed, undefined);
    // A small first pass may read its one batch in one FETCH; any other lists sizes meanwhile.
    const small =
      early?.range ??
      (readsWhole(task, elsewhere) && !everyBatch && !firstBatch
        ? oneBatchRange(mailbox, range)
        : undefined);
    const listSizes = (of: UidRange) =>
      listMessageSizes(read.reader, read.folder, of, access, task.messages);
    const listing = small || done ? undefined : listSizes(range);
    // Awaited below, unless the destination fails first: never an unhandled rejection.
    listing?.catch(() => undefined);
    const sender = await opening;
    const scope = this.scope(task, uidValidity, sender.folderUids);
    if (scope && task.renamedFrom) await this.carryLedger(scope, task.renamedFrom);
    const folders = { source: task.sourceFolder, destination: task.destinationFolder };
    const deps = { ...this.deps, folders, scope, sourceAccess: access };
    const check = contentCheck(task, saved, resumed, sender.folderUids);
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
    // Before the first batch (a crash inside it then still leaves a mark to look above), while
    // the batches are planned.
    const [, batches] = await Promise.all([
      resumed ? undefined : checkpoints.save(task.taskId, checkpointOf(run, uidValidity, from - 1)),
      done ? [] : this.batches(run, { small, early, mailbox, range, listing }, listSizes),
    ]);
    const end = await this.copyBatches(run, read, batches, { uidValidity, from });
    const { counts, failures, kept } = run;
    return {
      counts,
      failures,
      kept,
      mark: markOf(mailbox, range.to === undefined ? end : range.to + 1, task),
      sinceLastPass: renumbered
        ? { flagsChanged: 0, removed: 0, renumbered }
        : await sinceLastPass(this.deps, run, {
            opened: mailbox,
            scope,
            destinationStart: saved === null ? sender.folderUids : undefined,
          }),
    };
  }

  /**
   * Copies the batches in order, each checkpointed once done (its source messages deleted
   * first, with Delete Source); answers the UID after the last one, `from` when there is none.
   */
  private async copyBatches(
    run: CopyRun,
    read: ReadFolder,
    batches: Batch[],
    { uidValidity, from }: { uidValidity: string; from: number },
  ): Promise<number> {
    let end = from;
    for (const [n, batch] of batches.entries()) {
      this.deps.signal?.throwIfAborted();
      this.deps.stopBetweenBatches?.throwIfAborted();
      const confirmed = await this.copyAny(run, batch, n);
      // Delete before checkpointing: a crash in between leaves UIDs that the next run finds
      // gone, or finds at the destination in the ledger; never a copied message left behind.
      if (run.task.deleteSource) await deleteCopiedMessages(read.reader, read.folder, confirmed);
      await this.deps.checkpoints.save(
        run.task.taskId,
        checkpointOf(run, uidValidity, lastUidOf(batch)),
      );
      end = lastUidOf(batch) + 1;
      this.deps.onProgress({ ...run.counts });
    }
    return end;
  }

  /**
   * A small first pass's range in one FETCH (mail that arrived since planning, above a range
   * sent early, follows in listed batches), unless the ledger knows some of it: what an
   * earlier run copied is skipped by UID, which that FETCH does not know. Else listed batches.
   */
  private async batches(
    run: CopyRun,
    plan: BatchPlan,
    listSizes: (range: UidRange) => Promise<ListedMessage[]>,
  ): Promise<Batch[]> {
    const { small, early, mailbox, range, listing } = plan;
    if (!small || (await run.known.anyInLedger(small))) {
      // The early FETCH is let go first: the listing waits on the wire behind it.
      early?.rows.discard();
      return listedBatches(await (listing ?? listSizes(range)), run.task);
    }
    const after = early && arrivedSincePlanning(mailbox, early.range, range.to);
    const rest = after ? listedBatches(await listSizes(after), run.task) : [];
    return [{ kind: 'range', range: small, rows: early?.rows }, ...rest];
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
   * A folder renamed since the previous pass: what that pass recorded under the old names
   * holds under the new ones. A rename keeps both UIDVALIDITYs; where it did not, the old
   * entries are not found and the messages are checked as after any renumbering.
   */
  private carryLedger(scope: LedgerScope, renamedFrom: RenamedFrom): Promise<void> {
    const previous = {
      ...scope,
      sourceFolder: renamedFrom.source,
      destinationFolder: renamedFrom.destination,
    };
    return this.deps.ledger.carry(previous, scope);
  }

  /** Copies one batch of any kind; returns the source UIDs now safe to delete. */
  private copyAny(run: CopyRun, batch: Batch, n: number): Promise<number[]> {
    if (batch.kind === 'range') return this.copyRange(run, batch);
    // Counted with the batch they were listed in: its checkpoint then covers them.
    run.counts.filtered += batch.filtered;
    return batch.messages.length > 0 ? this.copyBatch(run, batch.messages, n) : Promise.resolve([]);
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
    for (const copy of known.values()) {
      counts.skipped++;
      if (task.reconcileExisting) await this.alignFlags(task, copy);
    }
    const { sendable, tooBig } = this.splitBySize(
      run,
      batch.filter((m) => !known.has(m.uid)),
    );
    for (const message of tooBig) this.refuseTooBig(run, message);
    const unreadable = (message: MessageSize, reason: string) => this.fail(run, message, reason);
    const folder = task.sourceFolder;
    const messages = fetchBatch(this.deps.source, folder, sendable, run.access, unreadable);
    return this.sendAll(run, messages, [...known.values()]);
  }

  /**
   * A small first pass's one batch, read in one FETCH as copyBatch's would be (sent early with
   * the EXAMINE, or now): the ledger knows none of it, and nothing is checked by content.
   */
  private copyRange(run: CopyRun, { range, rows }: RangeBatch): Promise<number[]> {
    const read = { reader: this.deps.source, folder: run.task.sourceFolder, access: run.access };
    const messages = fetchRange(read, range, rows ?? requestRange(read, range), {
      unreadable: (message, reason) => this.fail(run, message, reason),
      maxBytes: this.sizeLimit(run),
      tooBig: (message) => this.refuseTooBig(run, message),
    });
    return this.sendAll(run, messages, []);
  }

  /**
   * Sends `messages`, waits for every answer and records where they went; returns the source
   * UIDs proven at the destination (`known` ones included), never one flagged \Deleted.
   */
  private async sendAll(
    run: CopyRun,
    messages: AsyncIterable<FetchedMessage>,
    known: KnownCopy[],
  ): Promise<number[]> {
    const { task } = run;
    const proven: number[] = [];
    const prove = (uid: number, flags: readonly string[]) => {
      // A message the user already flagged \Deleted is theirs to expunge, not ours.
      if (!flags.includes(DELETED)) proven.push(uid);
    };
    for (const copy of known) prove(copy.source.uid, copy.source.flags);
    const batchStart = run.mark?.uidNext;
    const appended = await this.send(run, messages);
    if (batchStart !== undefined) await run.known.locate(appended, batchStart);
    await run.known.record([
      ...known.filter((c) => c.proof === 'content').map(contentEntry),
      ...appended.flatMap(appendedEntry),
    ]);
    for (const message of appended) {
      if (message.destinationUid !== undefined) prove(message.sourceUid, message.flags);
      else if (task.deleteSource) run.kept.push(this.unproven(task, message));
    }
    this.advanceMark(run, appended);
    return proven;
  }

  /** Sends the messages; what the destination accepted, with its UIDs. */
  private async send(
    run: CopyRun,
    messages: AsyncIterable<FetchedMessage>,
  ): Promise<(AppendedMessage & { flags: string[] })[]> {
    const { counts } = run;
    const appended: (AppendedMessage & { flags: string[] })[] = [];
    for await (const message of messages) {
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
          this.fail(run, message, result.reason);
        }
        // Per message, so a cancel mid-batch still reports what really arrived.
        this.deps.onProgress({ ...counts });
      });
    }
    await run.sender.flush();
    return appended;
  }

  /** A message left out of the copy, and why: counted and listed for the report. */
  private fail(run: CopyRun, { uid, size }: MessageSize, reason: string): void {
    run.counts.failed++;
    run.failures.push({ folder: run.task.sourceFolder, uid, size, reason });
  }

  private async alignFlags(task: FolderCopyTask, copy: KnownCopy): Promise<void> {
    if (sameFlags(copy.destinationFlags, copy.source.flags)) return;
    await setMessageFlags(
      await this.deps.destination.session(),
      task.destinationFolder,
      [copy.destinationUid],
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

  /** The destination's largest message, its provider's or its own; Infinity where none is named. */
  private sizeLimit(run: CopyRun): number {
    return Math.min(this.deps.maxMessageBytes ?? Infinity, run.sender.appendLimit ?? Infinity);
  }

  private splitBySize(run: CopyRun, batch: MessageSize[]) {
    const limit = this.sizeLimit(run);
    return {
      sendable: batch.filter((m) => m.size <= limit),
      tooBig: batch.filter((m) => m.size > limit),
    };
  }

  /** A message over the destination's limit: failed, never sent. */
  private refuseTooBig(run: CopyRun, message: MessageSize): void {
    const [limit, size] = [this.sizeLimit(run), message.size].map(messageSizeInWords);
    const reason = `Too large for the destination, which takes messages up to ${limit}; this one is ${size}`;
    this.fail(run, message, reason);
  }
}

/** A batch: messages listed with their sizes, or a small first pass's whole range. */
type Batch = ListedBatch | RangeBatch;

/**
 * Listed messages to copy, and how many the job's message filter left out among those listed
 * up to `lastUid` (after the batch before): a batch may hold only those.
 */
interface ListedBatch {
  kind: 'listed';
  messages: MessageSize[];
  filtered: number;
  lastUid: number;
}

/** A range read in one FETCH; `rows` when that FETCH was sent early, with the EXAMINE. */
interface RangeBatch {
  kind: 'range';
  range: Required<UidRange>;
  rows?: FetchedRows;
}

/** How a run's batches are cut. */
interface BatchPlan {
  /** The range to read in one FETCH, if the run may. */
  small: Required<UidRange> | undefined;
  early: RunStart['early'];
  mailbox: OpenedFolder;
  range: UidRange;
  /** The sizes of `range`, already asked for when no range is read whole. */
  listing: Promise<ListedMessage[]> | undefined;
}

/** What a run knows before its folder's EXAMINE is answered. */
interface RunStart {
  task: FolderCopyTask;
  read: ReadFolder;
  elsewhere: Set<string>;
  saved: Checkpoint | null;
  early: { range: Required<UidRange>; rows: FetchedRows } | undefined;
}

/**
 * The listed messages in batches, those the task's filter leaves out counted in the batch
 * whose UIDs they fall among (the last batch, or one of their own, for those after the last).
 */
function listedBatches(listed: ListedMessage[], task: FolderCopyTask): ListedBatch[] {
  const limits = { maxMessages: BATCH_SIZE, maxBytes: BATCH_BYTES };
  const leavesOut = compileMessageFilter(task.messages);
  const kept: ListedMessage[] = [];
  const left: ListedMessage[] = [];
  for (const message of listed) (leavesOut(message) ? left : kept).push(message);
  const batches: ListedBatch[] = planBatches(kept, limits).map((messages) => {
    const lastUid = messages[messages.length - 1].uid;
    return { kind: 'listed', messages, filtered: 0, lastUid };
  });
  const after: number[] = [];
  let at = 0;
  for (const { uid } of left) {
    while (at < batches.length && batches[at].lastUid < uid) at++;
    if (at < batches.length) batches[at].filtered++;
    else after.push(uid);
  }
  if (after.length > 0) {
    batches.push({ kind: 'listed', messages: [], filtered: after.length, lastUid: after.at(-1)! });
  }
  return batches;
}

/** A renumbered folder's delta task: every message, checked by content (Replace Existing). */
function fromTheStart(task: FolderCopyTask): FolderCopyTask {
  return { ...task, uidFrom: 1, reconcileExisting: true };
}

function lastUidOf(batch: Batch): number {
  return batch.kind === 'range' ? batch.range.to : batch.lastUid;
}

/** Whether a run may read a range whole, unless a checkpoint or a check says otherwise. */
function readsWhole(task: FolderCopyTask, elsewhere: Set<string>): boolean {
  const plain = !task.reconcileExisting && !task.redelivered && !filtersMessages(task.messages);
  return elsewhere.size === 0 && plain;
}

/**
 * The task's range closed at the folder's UIDNEXT, when the folder holds one batch at most:
 * read in one FETCH, a crash in it redoes no more than a listed batch would. Undefined when
 * the folder is larger or the server did not say its UIDNEXT (Courier 5.0).
 */
function oneBatchRange(
  folder: Pick<OpenedFolder, 'exists' | 'uidNext'>,
  range: UidRange,
): Required<UidRange> | undefined {
  const uidNext = Number(folder.uidNext);
  if (!Number.isSafeInteger(uidNext) || uidNext < 1 || folder.exists > BATCH_SIZE) {
    return undefined;
  }
  const to = Math.min(range.to ?? Infinity, uidNext - 1);
  return to >= range.from ? { from: range.from, to } : undefined;
}

/** oneBatchRange of the folder as planning listed it. */
function plannedRange(task: FolderCopyTask): Required<UidRange> | undefined {
  const { listedMessages: exists, listedUidNext: uidNext } = task;
  if (exists === undefined || uidNext === undefined) return undefined;
  return oneBatchRange({ exists, uidNext }, { from: task.uidFrom, to: task.uidTo });
}

/**
 * The task's UIDs above a range planned from the listing, when mail may have arrived since
 * (the folder's UIDNEXT went past the range, or the server did not say it).
 */
function arrivedSincePlanning(
  mailbox: OpenedFolder,
  early: Required<UidRange>,
  to: number | undefined,
): UidRange | undefined {
  const from = early.to + 1;
  if (to !== undefined && to < from) return undefined;
  if (Number.isSafeInteger(mailbox.uidNext) && mailbox.uidNext <= from) return undefined;
  return { from, to };
}

function contentEntry(copy: KnownCopy) {
  return { sourceUid: copy.source.uid, destinationUid: copy.destinationUid };
}

function appendedEntry(message: AppendedMessage) {
  const { sourceUid, destinationUid } = message;
  return destinationUid === undefined ? [] : [{ sourceUid, destinationUid }];
}
