import { compileMessageFilter, filtersByDate, MessageFilter, PassRange } from '@btsx/contracts';
import {
  FolderLetter,
  FolderReader,
  identityKey,
  ImapError,
  LetterTable,
  readLetters,
} from '@btsx/imap';
import type { AuditSessions } from './folder-report';

/** Identity keys of the letters in these source folders (a folder gone holds none). */
export async function identitiesIn(source: FolderReader, folders: string[]): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const folder of folders) {
    await eachLetterOrNone(source, folder, (letter) => keys.add(identityKey(letter.identity)));
  }
  return keys;
}

/**
 * Both sides' letters at once (at a distance each read is a few round trips), or the reason a
 * server refused to open one: a folder it lists but will not select (Dovecot's `~x`) is not
 * verified, and the rest of the job is. A lost connection still throws.
 */
export async function readBothSides(
  sessions: AuditSessions,
  names: { source: string; destination: string },
  filter: MessageFilter | undefined,
  range?: PassRange,
): Promise<{ sides: (SideRead | null)[] } | { refused: string } | 'renumbered'> {
  const source = range && { uidValidity: range.sourceUidValidity, from: range.sourceUid };
  const destination = range && {
    uidValidity: range.destinationUidValidity,
    from: range.destinationUid,
  };
  // Settled, not Promise.all: a refusal must not leave the other side's read running.
  const reads = await Promise.allSettled([
    tableOrMissing(sessions.source, names.source, filter, source),
    tableOrMissing(sessions.destination, names.destination, undefined, destination),
  ]);
  if (reads.some((read) => read.status === 'fulfilled' && read.value === 'renumbered')) {
    return 'renumbered';
  }
  const sides: (SideRead | null)[] = [];
  for (const side of reads) {
    if (side.status === 'fulfilled') sides.push(side.value as SideRead | null);
    else if (side.reason instanceof ImapError && side.reason.permanent) {
      return { refused: side.reason.message };
    } else throw side.reason;
  }
  return { sides };
}

/** One side's letters, sealed, and how many the job's message filter left out of them. */
interface SideRead {
  table: LetterTable;
  filtered: number;
}

/** A side's UIDs from `from` on, while the folder's UIDVALIDITY is still this one. */
interface SideRange {
  uidValidity: string;
  from: number;
}

/**
 * The folder's letters the filter keeps (from the range's UID on, if given), null when the
 * folder does not exist, 'renumbered' when its UIDVALIDITY is no longer the range's.
 */
async function tableOrMissing(
  session: FolderReader,
  folder: string,
  filter?: MessageFilter,
  range?: SideRange,
): Promise<SideRead | null | 'renumbered'> {
  const table = new LetterTable();
  const leavesOut = compileMessageFilter(filter);
  let filtered = 0;
  const found = await eachLetterOrNone(
    session,
    folder,
    (letter) => (leavesOut(letter) ? filtered++ : table.add(letter)),
    { dates: filtersByDate(filter), range },
  );
  if (found === 'renumbered') return found;
  return found ? { table: table.seal(), filtered } : null;
}

/**
 * Every letter of the folder (from the range's UID on) to `use`, with its date if asked; false
 * when there is no folder, 'renumbered' when its UIDVALIDITY is no longer the range's.
 */
async function eachLetterOrNone(
  session: FolderReader,
  folder: string,
  use: (letter: FolderLetter) => void,
  { dates = false, range }: { dates?: boolean; range?: SideRange } = {},
): Promise<boolean | 'renumbered'> {
  try {
    if (range) {
      const opened = await session.openFolder(folder, true);
      if (opened.uidValidity.toString() !== range.uidValidity) return 'renumbered';
    }
    const from = range?.from ?? 1;
    for await (const letter of readLetters(session, folder, `${from}:*`, {}, dates)) {
      // `n:*` also answers the highest UID when it is below n (RFC 3501 section 6.4.8).
      if (letter.uid >= from) use(letter);
    }
    return true;
  } catch (error) {
    if (error instanceof ImapError && error.kind === 'no_such_folder') return false;
    throw error;
  }
}
