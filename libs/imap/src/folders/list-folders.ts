import { ImapError } from '../errors/imap-error';
import { clientOf, type ImapSession } from '../session/imap-session';
import { isForeign, segmentsInNamespace } from './namespace';
import type { RemoteFolder } from './remote-folder';

const NO_SELECT_FLAGS = ['\\Noselect', '\\NonExistent'];
/**
 * Folders one account may have. A job's plan travels as one bus message (NATS's 1 MB
 * max_payload) of about 170 bytes a folder; Exchange allows 10,000 folders a mailbox but
 * mailboxes that large are rare enough to be moved in parts.
 */
export const MAX_FOLDERS = 5_000;
/**
 * Bytes of one folder's full name. Dovecot refuses names over 4,096 and each level over 255;
 * Exchange's paths stay under 1,000: longer is a hostile server, not a mailbox.
 */
export const MAX_FOLDER_NAME_BYTES = 1_000;

const STATUS_ITEMS = { messages: true, uidNext: true, uidValidity: true, highestModseq: true };

/** Gmail's attribute for its Important view; imapflow leaves it out of `specialUse`. */
const IMPORTANT = '\\Important';

/** LIST (with SPECIAL-USE attributes when the server has them, RFC 6154) plus subscriptions. */
export async function listFolders(
  session: ImapSession,
  options: { withCounts?: boolean } = {},
): Promise<RemoteFolder[]> {
  try {
    // With LIST-STATUS (RFC 5819) the counts come in the same round trip as the list;
    // without it imapflow asks STATUS per folder (never SELECT). UIDVALIDITY and HIGHESTMODSEQ
    // (where CONDSTORE is offered) cost nothing more, and tell a delta pass what changed.
    const statusQuery = options.withCounts ? STATUS_ITEMS : undefined;
    const entries = await clientOf(session).list(statusQuery ? { statusQuery } : undefined);
    checkFolderLimits(entries.map((entry) => entry.path));
    const namespaces = session.namespaces;
    return entries.map((entry) => ({
      path: entry.path,
      delimiter: entry.delimiter,
      segments: segmentsInNamespace(entry.path, {
        prefix: namespaces.personal.prefix,
        delimiter: entry.delimiter,
      }),
      foreign: isForeign(entry.path, namespaces),
      // The server's RFC 6154 attribute, or imapflow's guess from a well-known name ("Sent Items")
      // on servers without SPECIAL-USE; imapflow gives each attribute to one folder at most.
      specialUse: entry.specialUse ?? (entry.flags.has(IMPORTANT) ? IMPORTANT : undefined),
      noSelect: NO_SELECT_FLAGS.some((flag) => entry.flags.has(flag)),
      subscribed: entry.subscribed,
      messages: entry.status?.messages,
      uidNext: entry.status?.uidNext,
      uidValidity: entry.status?.uidValidity?.toString(),
      highestModseq: entry.status?.highestModseq?.toString(),
    }));
  } catch (err) {
    throw session.failure(err);
  }
}

function checkFolderLimits(paths: string[]): void {
  if (paths.length > MAX_FOLDERS) {
    const message = `The account has ${paths.length} folders; at most ${MAX_FOLDERS} can be moved in one job`;
    throw new ImapError('protocol', message, true);
  }
  const long = paths.find((path) => Buffer.byteLength(path) > MAX_FOLDER_NAME_BYTES);
  if (long !== undefined) {
    const message = `The account has a folder name of ${Buffer.byteLength(long)} bytes (${long.slice(0, 40)}…); at most ${MAX_FOLDER_NAME_BYTES} bytes are allowed`;
    throw new ImapError('protocol', message, true);
  }
}
