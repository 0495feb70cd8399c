import { ImapError } from '../errors/imap-error';
import { toImapError } from '../errors/to-imap-error';
import { clientOf, type ImapSession } from '../session/imap-session';

/** Enough of a folder's name to recognise it in a message; a server may allow very long ones. */
const NAME_SHOWN_CHARS = 80;

/**
 * Creates `path` and each of its parents (CREATE answers ALREADYEXISTS, RFC 5530, for a folder
 * that is there: imapflow reports that as success), then subscribes it so clients that show
 * only subscribed folders see it. Idempotent. A refusal names the folder and quotes the server.
 */
export async function ensureFolder(session: ImapSession, path: string): Promise<void> {
  const segments = path.split(session.delimiter);
  const client = clientOf(session);
  try {
    // Parents first: RFC 3501 section 6.3.3 lets a server refuse to create them implicitly.
    for (let depth = 1; depth <= segments.length; depth++) {
      // INBOX always exists, and some servers refuse CREATE INBOX without ALREADYEXISTS.
      if (depth === 1 && segments[0].toUpperCase() === 'INBOX') continue;
      await client.mailboxCreate(segments.slice(0, depth));
    }
    await client.mailboxSubscribe(path);
  } catch (err) {
    const { kind, message, permanent, retryAfterMs } = toImapError(err);
    const shown = path.length > NAME_SHOWN_CHARS ? `${path.slice(0, NAME_SHOWN_CHARS)}…` : path;
    throw new ImapError(kind, `Folder "${shown}": ${message}`, permanent, retryAfterMs);
  }
}
