import { ImapError } from '../errors/imap-error';
import { toImapError } from '../errors/to-imap-error';
import type { ImapSession } from '../connection/imap-session';

/** STATUS (MESSAGES): cheaper than SELECT, and it leaves the selected folder alone. */
export async function countMessages(session: ImapSession, path: string): Promise<number> {
  let status;
  try {
    status = await session.client.status(path, { messages: true });
  } catch (err) {
    throw toImapError(err);
  }
  // imapflow answers false for a STATUS the server refused on an existing folder.
  if (!status) throw new ImapError('rejected', `The server refused STATUS for ${path}`, false);
  return status.messages ?? 0;
}
