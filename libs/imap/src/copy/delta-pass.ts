import type { FolderMark, SinceLastPass } from '@btsx/contracts';
import { comparableFlags, sameFlags } from '../flags/flag-sets';
import type { FolderAccess } from '../messages/folder-access';
import type { FolderReader, OpenedFolder, ReadFolder } from '../messages/folder-reader';
import { setMessageFlags } from '../messages/set-message-flags';
import { uidSets } from '../messages/uid-range';
import type { FolderUids } from '../pipeline/select-reply';
import type { CopyCounts } from './checkpoint';
import type { CopyLedger, LedgerScope } from './copy-ledger';
import type { FolderCopyTask } from './copy-task';
import type { Destination } from './destination-line';

/** What a delta run's close needs of it. */
interface PassRun {
  task: FolderCopyTask;
  access: FolderAccess;
  counts: CopyCounts;
}

/**
 * A delta pass's changes below the previous mark (flags given anew, messages gone and, if
 * asked, their copies deleted), and where it began copying on both sides: only a run from the
 * start knows the destination's (`destinationStart`), a resumed one's earlier appends lie
 * below its own.
 */
export async function sinceLastPass(
  deps: FlagSyncDeps & { source: FolderReader },
  run: PassRun,
  pass: { opened: OpenedFolder; scope: LedgerScope | undefined; destinationStart?: FolderUids },
): Promise<SinceLastPass | undefined> {
  const { since, sourceFolder: folder } = run.task;
  if (!since) return undefined;
  const { opened, scope, destinationStart } = pass;
  const source = { reader: deps.source, folder, access: run.access };
  const flagsChanged = await syncChangedFlags(deps, source, { since, opened, scope });
  const { copied, skipped, failed, filtered } = run.counts;
  const removed = removedSince(since, opened, copied + skipped + failed + filtered);
  const mirror = removed > 0 && run.task.mirrorDeletions === true;
  const mirrored = mirror ? await mirrorRemovals(deps, source, { since, scope }) : 0;
  const copiedFrom = destinationStart && {
    sourceUidValidity: since.uidValidity,
    sourceUid: since.uidNext,
    destinationUidValidity: destinationStart.uidValidity,
    destinationUid: destinationStart.uidNext,
  };
  return {
    flagsChanged,
    removed,
    ...(mirror && { mirrored }),
    ...(copiedFrom && { copiedFrom }),
  };
}

/** Source messages whose copies are looked up in the ledger and read at the destination at once. */
const FLAG_SYNC_CHUNK = 5_000;
/** UIDs one STORE names: a command line stays short even when the UIDs are scattered. */
const STORE_UIDS = 1_000;

/** The destination side is SELECTed: its flags are about to change. */
const DESTINATION_ACCESS: FolderAccess = { readOnly: false };

export interface FlagSyncDeps {
  destination: Destination;
  ledger: CopyLedger;
}

/** Whether the source folder's UIDs no longer mean what they meant when `since` was marked. */
export function renumberedSince(since: FolderMark | undefined, uidValidity: string): boolean {
  return since !== undefined && since.uidValidity !== uidValidity;
}

/**
 * Where this pass ends: the folder's UIDNEXT as it was opened, so that the pass covers
 * exactly the messages its mark counts (mail arriving meanwhile is the next pass's). Without
 * a UIDNEXT (Courier 5.0) the pass runs to the last message listed.
 */
export function passEnd(opened: OpenedFolder, uidTo: number | undefined): number | undefined {
  const uidNext = Number(opened.uidNext);
  const known = Number.isSafeInteger(uidNext) && uidNext > 0 ? uidNext - 1 : undefined;
  if (known === undefined) return uidTo;
  return uidTo === undefined ? known : Math.min(uidTo, known);
}

/**
 * The mark a pass leaves: every UID below `uidNext` handled, as the folder was when opened.
 * With Delete Source it has no count: the pass expunged what it copied, so the next pass
 * could not tell the user's deletions from its own.
 */
export function markOf(
  opened: OpenedFolder,
  uidNext: number,
  { deleteSource }: Pick<FolderCopyTask, 'deleteSource'>,
): FolderMark {
  return {
    uidValidity: opened.uidValidity.toString(),
    uidNext: Math.max(1, uidNext),
    ...(opened.highestModseq !== undefined && { highestModseq: opened.highestModseq.toString() }),
    ...(!deleteSource && { messages: opened.exists }),
    ...(opened.mailboxId && { mailboxId: opened.mailboxId }),
  };
}

/**
 * Messages below the previous mark that the source no longer has: it held `since.messages`
 * of them, and now holds every message it was opened with but the `handled` new ones.
 */
export function removedSince(since: FolderMark, opened: OpenedFolder, handled: number): number {
  if (since.messages === undefined) return 0;
  return Math.max(0, since.messages - (opened.exists - handled));
}

/**
 * Deletes at the destination the copies of messages the source no longer has below the
 * previous mark (options.mirrorDeletions); answers how many. The copy ledger says which
 * destination message is each source message's copy: one it does not know is left alone, and
 * so is everything where the destination cannot expunge single messages (no UIDPLUS: a plain
 * EXPUNGE would also remove what its user marked \Deleted there).
 */
export async function mirrorRemovals(
  deps: FlagSyncDeps,
  source: ReadFolder,
  pass: { since: FolderMark; scope: LedgerScope | undefined },
): Promise<number> {
  const { since, scope } = pass;
  if (!scope || since.uidNext <= 1) return 0;
  const copies = await deps.ledger.below(scope, since.uidNext);
  if (copies.size === 0) return 0;
  const present = new Set<number>();
  const below = `1:${since.uidNext - 1}`;
  for await (const row of source.reader.fetch(source.folder, source.access, below, {})) {
    present.add(row.uid);
  }
  const gone = [...copies].filter(([uid]) => !present.has(uid)).map(([, copy]) => copy);
  if (gone.length === 0) return 0;
  const session = await deps.destination.session();
  if (!session.hasCapability('UIDPLUS')) return 0;
  const deleted = await session.deleteMessages(scope.destinationFolder, gone);
  return deleted ? gone.length : 0;
}

/**
 * Gives the copies at the destination the flags changed at the source below the previous
 * pass's mark; answers how many it changed. With CONDSTORE only the messages changed since
 * the mark's HIGHESTMODSEQ are read (none when it has not moved, RFC 7162 section 3.1.4);
 * without it, every message's flags. Copies are found through the copy ledger; a message it
 * does not know (found elsewhere, or gone at the destination) is left alone.
 */
export async function syncChangedFlags(
  deps: FlagSyncDeps,
  source: ReadFolder,
  pass: { since: FolderMark; opened: OpenedFolder; scope: LedgerScope | undefined },
): Promise<SinceLastPass['flagsChanged']> {
  const { since, opened, scope } = pass;
  const below = since.uidNext - 1;
  if (below < 1 || !scope) return 0;
  const marked = since.highestModseq === undefined ? undefined : BigInt(since.highestModseq);
  if (marked !== undefined && opened.highestModseq === marked) return 0;
  const changedSince = opened.highestModseq === undefined ? undefined : marked;
  const flags = new Map<number, string[]>();
  const query = { flags: true, changedSince };
  for await (const row of source.reader.fetch(source.folder, source.access, `1:${below}`, query)) {
    if (row.uid <= below) flags.set(row.uid, [...(row.flags ?? [])]);
  }
  const uids = [...flags.keys()];
  let changed = 0;
  for (let at = 0; at < uids.length; at += FLAG_SYNC_CHUNK) {
    const chunk = uids.slice(at, at + FLAG_SYNC_CHUNK);
    changed += await alignCopies(deps, scope, new Map(chunk.map((uid) => [uid, flags.get(uid)!])));
  }
  return changed;
}

/** Sets each known copy's flags to its source message's, one STORE per distinct flag set. */
async function alignCopies(
  deps: FlagSyncDeps,
  scope: LedgerScope,
  sourceFlags: Map<number, string[]>,
): Promise<number> {
  const copies = await deps.ledger.find(scope, [...sourceFlags.keys()]);
  if (copies.size === 0) return 0;
  const session = await deps.destination.session();
  const folder = scope.destinationFolder;
  const there = new Map<number, string[]>();
  for (const set of uidSets([...copies.values()])) {
    for await (const row of session.fetch(folder, DESTINATION_ACCESS, set, { flags: true })) {
      there.set(row.uid, [...(row.flags ?? [])]);
    }
  }
  const stores = new Map<string, { flags: string[]; uids: number[] }>();
  for (const [sourceUid, destinationUid] of copies) {
    const now = there.get(destinationUid);
    const wanted = sourceFlags.get(sourceUid)!;
    if (!now || sameFlags(now, wanted)) continue;
    const key = comparableFlags(wanted).join(' ');
    const store = stores.get(key) ?? { flags: wanted, uids: [] };
    store.uids.push(destinationUid);
    stores.set(key, store);
  }
  let changed = 0;
  for (const { flags, uids } of stores.values()) {
    for (let at = 0; at < uids.length; at += STORE_UIDS) {
      const part = uids.slice(at, at + STORE_UIDS);
      await setMessageFlags(session, folder, part, flags);
      changed += part.length;
    }
  }
  return changed;
}
