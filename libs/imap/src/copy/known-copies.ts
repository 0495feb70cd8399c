import { type KnownDigests, LetterMatcher } from '../matching/letter-matcher';
import { identityKey, LetterTable, type TableLetter } from '../matching/letter-table';
import { digestsByUid } from '../messages/fetch-digests';
import type { FolderAccess } from '../messages/folder-access';
import type { FolderReader } from '../messages/folder-reader';
import { type FolderLetter, readLetters } from '../messages/read-letters';
import { type UidRange, uidSet } from '../messages/uid-range';
import type { CopyLedger, LedgerEntry, LedgerScope } from './copy-ledger';
import type { Destination } from './destination-line';

/** A source message already at the destination, and what proves it. */
export interface KnownCopy {
  source: FolderLetter;
  destinationUid: number;
  destinationFlags: readonly string[];
  proof: 'ledger' | 'content';
}

/** A message this run appended, with the UID the destination gave it when it said. */
export interface AppendedMessage {
  sourceUid: number;
  identity: string;
  size: number;
  destinationUid?: number;
}

export interface KnownCopiesDeps {
  source: FolderReader;
  destination: Destination;
  folders: { source: string; destination: string };
  ledger: CopyLedger;
  /** Undefined when the destination did not report its folder's UIDVALIDITY: no ledger then. */
  scope: LedgerScope | undefined;
  sourceAccess: FolderAccess;
}

/** How a run checks its batches against what the destination already holds. */
export interface ContentCheck {
  /** Every batch (reconcileExisting, or a new UIDVALIDITY made the checkpoint useless). */
  everyBatch: boolean;
  /** The first batch only: the one a crash may have appended without checkpointing. */
  firstBatch: boolean;
  /**
   * The destination's next UID when the crashed batch began: what it appended is at or
   * above it, as the server stored it, so a rewritten copy there is taken for its letter.
   */
  crashMark?: number;
}

/** The destination side of the rule: no write, and SELECT so that later commands reuse it. */
const DESTINATION_ACCESS: FolderAccess = { readOnly: false };

/**
 * Which messages of a batch the destination already holds, proven (docs/architecture.md,
 * "Never one letter for another"): by the copy ledger, when the destination message it names
 * still exists; else, where the run must check content, by the matching rule against the
 * destination's letters. Nothing is taken for present on its Message-ID alone.
 */
export class KnownCopies {
  private constructor(
    private readonly deps: KnownCopiesDeps,
    private readonly check: ContentCheck,
    /** The destination's letters the rule may pair with, when the run checks content. */
    private readonly destination: LetterTable | undefined,
  ) {}

  /**
   * Reads what the check needs of the destination: the whole folder for every batch, only
   * what arrived since the crash mark for a resumed first batch.
   */
  static async open(deps: KnownCopiesDeps, check: ContentCheck): Promise<KnownCopies> {
    if (!check.everyBatch && !check.firstBatch) return new KnownCopies(deps, check, undefined);
    const from = check.everyBatch || check.crashMark === undefined ? 1 : check.crashMark;
    const table = new LetterTable();
    for await (const letter of arrivedSince(deps, from)) table.add(letter);
    return new KnownCopies(deps, check, table.seal());
  }

  /** The batch's messages already at the destination, by source UID. */
  async inBatch(uids: readonly number[], batchNumber: number): Promise<Map<number, KnownCopy>> {
    const { scope } = this.deps;
    const known = new Map<number, KnownCopy>();
    const ledger = scope ? await this.deps.ledger.find(scope, uids) : new Map<number, number>();
    const byContent = this.check.everyBatch || (this.check.firstBatch && batchNumber === 0);
    if (ledger.size === 0 && !byContent) return known;
    const letters = new Map<number, FolderLetter>();
    for await (const letter of this.sourceLetters(uidSet(uids))) letters.set(letter.uid, letter);
    await this.fromLedger(letters, ledger, known);
    if (byContent && this.destination) {
      const unknown = [...letters.values()].filter((l) => !known.has(l.uid));
      await this.fromContent(unknown, batchNumber, known);
    }
    return known;
  }

  /** Whether the ledger knows any source UID of `range`: an earlier run copied some of it. */
  async anyInLedger(range: Required<UidRange>): Promise<boolean> {
    const { scope, ledger } = this.deps;
    return scope !== undefined && (await ledger.knowsAny(scope, range));
  }

  /** Entries for what the batch proved: content matches, and appended messages with a UID. */
  async record(entries: readonly LedgerEntry[]): Promise<void> {
    const { scope, ledger } = this.deps;
    if (scope && entries.length > 0) await ledger.record(scope, entries);
  }

  /**
   * Where the destination stored messages it accepted without saying where (no APPENDUID):
   * among the letters that arrived since `since`, the one of the same identity and size.
   */
  async locate(appended: AppendedMessage[], since: number): Promise<void> {
    const unplaced = appended.filter((m) => m.destinationUid === undefined);
    if (unplaced.length === 0) return;
    const arrived: FolderLetter[] = [];
    for await (const letter of arrivedSince(this.deps, since)) arrived.push(letter);
    for (const message of unplaced) {
      const index = arrived.findIndex(
        (l) => l.identity === message.identity && l.size === message.size,
      );
      if (index >= 0) message.destinationUid = arrived.splice(index, 1)[0].uid;
    }
  }

  private sourceLetters(uids: string): AsyncGenerator<FolderLetter> {
    const { source, folders, sourceAccess } = this.deps;
    return readLetters(source, folders.source, uids, sourceAccess);
  }

  /** Ledger entries whose destination message still exists. */
  private async fromLedger(
    letters: Map<number, FolderLetter>,
    ledger: Map<number, number>,
    known: Map<number, KnownCopy>,
  ): Promise<void> {
    const claimed = [...ledger].filter(([sourceUid]) => letters.has(sourceUid));
    if (claimed.length === 0) return;
    const there = await this.destinationFlags(claimed.map(([, d]) => d));
    for (const [sourceUid, destinationUid] of claimed) {
      const destinationFlags = there.get(destinationUid);
      if (!destinationFlags) continue;
      const source = letters.get(sourceUid)!;
      known.set(sourceUid, { source, destinationUid, destinationFlags, proof: 'ledger' });
      const row = this.destination?.rowOf(destinationUid) ?? -1;
      if (row >= 0) this.destination!.take(row);
    }
  }

  /** The flags of those destination messages that exist, by UID. */
  private async destinationFlags(uids: number[]): Promise<Map<number, readonly string[]>> {
    const flags = new Map<number, readonly string[]>();
    const table = this.destination;
    const rows = table ? uids.map((uid) => table.rowOf(uid)) : [];
    if (table && rows.every((row) => row >= 0)) {
      for (const letter of rows.map((row) => table.letter(row)))
        flags.set(letter.uid, letter.flags);
      return flags;
    }
    const { destination, folders } = this.deps;
    for await (const letter of readLetters(
      await destination.session(),
      folders.destination,
      uidSet(uids),
      DESTINATION_ACCESS,
    )) {
      flags.set(letter.uid, letter.flags);
    }
    return flags;
  }

  /** Pairs the batch's unknown letters with the destination's by the matching rule. */
  private async fromContent(
    letters: FolderLetter[],
    batchNumber: number,
    known: Map<number, KnownCopy>,
  ): Promise<void> {
    const table = this.destination!;
    const mark = batchNumber === 0 && this.check.firstBatch ? this.check.crashMark : undefined;
    const matcher = new LetterMatcher<KeyedLetter, TableLetter>({
      trustLoneSize: false,
      mayBeRewritten: (d) => mark !== undefined && d.uid >= mark,
    });
    const source = letters.map((letter) => ({
      ...letter,
      identity: identityKey(letter.identity),
      letter,
    }));
    const rows = new Map<number, number>();
    for (const key of new Set(source.map((s) => s.identity))) {
      for (const row of table.find(key)) rows.set(table.letter(row).uid, row);
    }
    const candidates = [...rows.values()].map((row) => table.letter(row));
    const digests = await this.digests(matcher.needs(source, candidates));
    for (const { source: s, destination: d } of matcher.pair(source, candidates, digests).pairs) {
      const copy = { source: s.letter, destinationUid: d.uid, destinationFlags: d.flags };
      known.set(s.uid, { ...copy, proof: 'content' });
      table.take(rows.get(d.uid)!);
    }
  }

  /** The digests of these letters, both sides at once. */
  private async digests(needed: {
    source: KeyedLetter[];
    destination: TableLetter[];
  }): Promise<KnownDigests> {
    const { source, destination, folders, sourceAccess } = this.deps;
    const [s, d] = await Promise.all([
      digestsByUid(source, folders.source, needed.source, sourceAccess),
      digestsByUid(
        await destination.session(),
        folders.destination,
        needed.destination,
        DESTINATION_ACCESS,
      ),
    ]);
    return { source: (uid) => s.get(uid), destination: (uid) => d.get(uid) };
  }
}

/** The destination folder's letters from UID `from` on, one at a time. */
async function* arrivedSince(deps: KnownCopiesDeps, from: number): AsyncGenerator<FolderLetter> {
  const { destination, folders } = deps;
  const uids = `${from}:*`;
  for await (const letter of readLetters(
    await destination.session(),
    folders.destination,
    uids,
    DESTINATION_ACCESS,
  )) {
    // `n:*` also answers the highest UID when it is below n (RFC 3501 section 6.4.8).
    if (letter.uid >= from) yield letter;
  }
}

/** A source letter under its identity key, as the destination's letter table names identities. */
interface KeyedLetter {
  uid: number;
  identity: string;
  size: number;
  letter: FolderLetter;
}
