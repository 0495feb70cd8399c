import { toImapError } from '../errors/to-imap-error';
import type { ImapSession } from '../connection/imap-session';

/**
 * Creates `path` and each of its parents (CREATE answers ALREADYEXISTS, RFC 5530, for a folder
 * that is there: imapflow reports that as success), then subscribes it so clients that show
 * only subscribed folders see it. Idempotent.
 */
export async function ensureFolder(session: ImapSession, path: string): Promise<void> {
  const segments = path.split(session.delimiter);
  try {
    // Parents first: RFC 3501 section 6.3.3 lets a server refuse to create them implicitly.
    for (let depth = 1; depth <= segments.length; depth++) {
      // INBOX always exists, and some servers refuse CREATE INBOX without ALREADYEXISTS.
      if (depth === 1 && segments[0].toUpperCase() === 'INBOX') continue;
      await session.client.mailboxCreate(segments.slice(0, depth));
    }
    await session.client.mailboxSubscribe(path);
  } catch (err) {
    throw toImapError(err);
  }
}
