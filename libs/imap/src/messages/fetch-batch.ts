import { fetchLargeMessage, LARGE_MESSAGE_BYTES, OversizedMessage } from './fetch-large-message';
import { type FetchedMessage, fetchMessages } from './fetch-messages';
import type { FolderAccess } from './folder-access';
import type { FolderReader } from './folder-reader';
import type { MessageSize } from './list-message-sizes';
import { discardBody } from './spooled-body';

/** A message that could not be read whole, and why; the batch goes on without it. */
export type UnreadableMessage = (message: MessageSize, reason: string) => void;

/**
 * A batch's messages: small ones streamed in one FETCH, then each large one in pieces through
 * a spool file, removed once the consumer took the next one (or stopped). A large one the
 * server sends far more of than it announced goes to `unreadable`.
 */
export async function* fetchBatch(
  reader: FolderReader,
  folder: string,
  messages: readonly MessageSize[],
  access: FolderAccess,
  unreadable: UnreadableMessage,
): AsyncGenerator<FetchedMessage> {
  const small = messages.filter((m) => m.size < LARGE_MESSAGE_BYTES).map((m) => m.uid);
  yield* fetchMessages(reader, folder, small, access);
  for (const large of messages.filter((m) => m.size >= LARGE_MESSAGE_BYTES)) {
    const message = await fetchLargeMessage(reader, folder, large.uid, access).catch((err) => {
      if (!(err instanceof OversizedMessage)) throw err;
      unreadable(large, err.message);
      return null;
    });
    if (!message) continue;
    try {
      yield message;
    } finally {
      await discardBody(message.raw);
    }
  }
}
