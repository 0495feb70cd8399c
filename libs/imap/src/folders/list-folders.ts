import { toImapError } from '../errors/to-imap-error';
import { clientOf, type ImapSession } from '../session/imap-session';
import { isForeign, segmentsInNamespace } from './namespace';
import type { RemoteFolder } from './remote-folder';

const NO_SELECT_FLAGS = ['\\Noselect', '\\NonExistent'];
/** Gmail's attribute for its Important view; imapflow leaves it out of `specialUse`. */
const IMPORTANT = '\\Important';

/** LIST (with SPECIAL-USE attributes when the server has them, RFC 6154) plus subscriptions. */
export async function listFolders(
  session: ImapSession,
  options: { withCounts?: boolean } = {},
): Promise<RemoteFolder[]> {
  try {
    // With LIST-STATUS (RFC 5819) the counts come in the same round trip as the list;
    // without it imapflow asks STATUS per folder (never SELECT).
    const statusQuery = options.withCounts ? { messages: true, uidNext: true } : undefined;
    const entries = await clientOf(session).list(statusQuery ? { statusQuery } : undefined);
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
    }));
  } catch (err) {
    throw toImapError(err);
  }
}
