import type { ImapSession } from '../session/imap-session';
import { fetchLargeMessage, LARGE_MESSAGE_BYTES } from './fetch-large-message';
import { type FetchedMessage, fetchMessages } from './fetch-messages';
import type { FolderAccess } from './folder-access';
import type { MessageSize } from './list-message-sizes';
import { discardBody } from './spooled-body';

/**
 * A batch's messages: small ones streamed in one FETCH, then each large one in pieces through
 * a spool file, removed once the consumer took the next one (or stopped).
 */
export async function* fetchBatch(
  session: ImapSession,
  folder: string,
  messages: readonly MessageSize[],
  access: FolderAccess,
): AsyncGenerator<FetchedMessage> {
  const small = messages.filter((m) => m.size < LARGE_MESSAGE_BYTES).map((m) => m.uid);
  yield* fetchMessages(session, folder, small, access);
  for (const { uid } of messages.filter((m) => m.size >= LARGE_MESSAGE_BYTES)) {
    const message = await fetchLargeMessage(session, folder, uid, access);
    if (!message) continue;
    try {
      yield message;
    } finally {
      await discardBody(message.raw);
    }
  }
}
