import type { Destination, MessageSender } from '@btsx/imap';
import type { TransferPacer } from './transfer-pacer';

/** A destination whose senders wait for the pacer before each message. */
export function pacedDestination(destination: Destination, pacer: TransferPacer): Destination {
  if (pacer.idle) return destination;
  return {
    endpoint: destination.endpoint,
    session: () => destination.session(),
    senderFor: async (folder) => pacedSender(await destination.senderFor(folder), pacer),
  };
}

/**
 * Sends after the pacer let the message go. A pacer that stops the task (a quota reached for
 * long) first waits for every answer of the messages already sent: the copy stops with nothing
 * in flight, and its next run finds them at the destination.
 */
function pacedSender(sender: MessageSender, pacer: TransferPacer): MessageSender {
  return {
    get folderUids() {
      return sender.folderUids;
    },
    get appendLimit() {
      return sender.appendLimit;
    },
    async send(message, done) {
      try {
        await pacer.admit(message.size);
      } catch (error) {
        await sender.flush().catch(() => undefined);
        throw error;
      }
      return sender.send(message, done);
    },
    flush: () => sender.flush(),
  };
}
