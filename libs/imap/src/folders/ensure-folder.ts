import type { ImapFlow } from 'imapflow';
import { ImapError } from '../errors/imap-error';
import { toImapError } from '../errors/to-imap-error';
import { clientOf, type ImapSession } from '../session/imap-session';
import { internalsOf } from '../session/imapflow-internals';
import { isInboxPath } from './namespace';

/** Enough of a folder's name to recognise it in a message; a server may allow very long ones. */
const NAME_SHOWN_CHARS = 80;

/** What LIST showed of the destination: path to whether it holds messages (not \Noselect). */
export type ListedFolders = ReadonlyMap<string, { noSelect: boolean }>;

/**
 * Creates `path` and each of its parents that `listed` does not show, then subscribes it so
 * clients that show only subscribed folders see it. Idempotent. A folder that exists is a
 * success whatever the server says to its CREATE: `[ALREADYEXISTS]` (RFC 5530), Cyrus's
 * "Mailbox already exists" for a level it made itself, Courier's "Cannot create this folder".
 * A refusal names the folder and quotes the server.
 */
export async function ensureFolder(
  session: ImapSession,
  path: string,
  listed: ListedFolders = new Map(),
): Promise<void> {
  const client = clientOf(session);
  const steps = creationSteps(path, session.delimiter, listed);
  try {
    for (const parent of steps.parents) await createParent(client, parent);
    const subscribed = steps.create && (await createFolder(client, path));
    if (!subscribed) await client.mailboxSubscribe(path);
  } catch (err) {
    const { kind, message, permanent, retryAfterMs } = toImapError(err);
    const shown = path.length > NAME_SHOWN_CHARS ? `${path.slice(0, NAME_SHOWN_CHARS)}…` : path;
    throw new ImapError(kind, `Folder "${shown}": ${message}`, permanent, retryAfterMs);
  }
}

/** What making `path` ready takes: the parents to create first, and whether it is created. */
export interface CreationSteps {
  parents: string[];
  create: boolean;
}

/**
 * The parents `listed` does not show, and whether the folder itself must be created: not
 * when it is INBOX or listed as one that holds messages. Either way it is subscribed.
 */
export function creationSteps(
  path: string,
  delimiter: string,
  listed: ListedFolders,
): CreationSteps {
  return {
    parents: parentsOf(path, delimiter).filter((parent) => !listed.has(parent)),
    create: !isInboxPath(path) && listed.get(path)?.noSelect !== false,
  };
}

/** `a.b.c` has `a` and `a.b`. INBOX is never created: it always exists, and some servers
 * refuse CREATE INBOX (Dovecot takes it as a folder inside the mailbox's own directory). */
function parentsOf(path: string, delimiter: string): string[] {
  const segments = path.split(delimiter);
  return segments
    .slice(1)
    .map((_, depth) => segments.slice(0, depth + 1).join(delimiter))
    .filter((parent) => !isInboxPath(parent));
}

/**
 * Parents first: RFC 3501 section 6.3.3 lets a server refuse to create them implicitly. One
 * it refuses is not yet a failure: many servers hold a level as \Noselect, or make it with
 * its child; the child's own CREATE decides, with its own reason.
 */
async function createParent(client: ImapFlow, path: string): Promise<void> {
  try {
    await client.mailboxCreate(path);
  } catch (err) {
    if (!toImapError(err).permanent) throw err;
  }
}

/** True when imapflow made the folder, which it subscribes at once. */
async function createFolder(client: ImapFlow, path: string): Promise<boolean> {
  try {
    return (await client.mailboxCreate(path)).created;
  } catch (err) {
    if (!toImapError(err).permanent || !(await holdsMessages(client, path))) throw err;
    return false;
  }
}

/** What imapflow's LIST with a pattern answers (its list() takes no pattern). */
type ListEntry = { path: string; flags: Set<string> };

/**
 * Whether LIST shows `path` as a folder that can hold messages. LIST, not STATUS: a server
 * may resolve a name it would not create (Dovecot's `~x`) to a place of its own, and a LIST
 * touches nothing. A pattern's wildcards may match more, so the path is compared exactly.
 */
async function holdsMessages(client: ImapFlow, path: string): Promise<boolean> {
  const listed = await internalsOf(client).run('LIST', '', path, { listOnly: true });
  const entries = (listed as ListEntry[] | undefined) ?? [];
  return entries.some((entry) => entry.path === path && !entry.flags.has('\\Noselect'));
}
