import { createHash } from 'node:crypto';
import type { ListResponse } from 'imapflow';
import type { ImapTestServer, ImapTestUser } from '../imap-test-server';
import { withImapSession } from '../imap-session';
import { fromNamespacedPath, toNamespacedPath } from '../logical-path';
import { pollUntil } from './poll';

/** One message of a folder with its UID: what a test needs to change or name it. */
export interface ListedMessage {
  uid: number;
  sha256: string;
  size: number;
  /** Sorted, without \Recent. */
  flags: string[];
}

/** One folder as LIST/LSUB show it. */
export interface ListedFolder {
  /** Logical: segments joined with '/'. */
  path: string;
  /** The server's own attribute only, not one guessed from the name. */
  specialUse?: string;
  subscribed: boolean;
  selectable: boolean;
}

const UNSELECTABLE = ['\\Noselect', '\\NonExistent'];

function isSelectable(mailbox: ListResponse): boolean {
  return !UNSELECTABLE.some((flag) => mailbox.flags.has(flag));
}

/** Every folder of the account with its special-use attribute and subscription. */
export function listAccountFolders(
  server: ImapTestServer,
  user: ImapTestUser,
): Promise<ListedFolder[]> {
  return withImapSession(server, user, async (client) =>
    (await client.list())
      .map((mailbox) => {
        const specialUse =
          mailbox.specialUseSource === 'extension' ? mailbox.specialUse : undefined;
        return {
          path: fromNamespacedPath(mailbox.path, { ...server, separator: mailbox.delimiter }),
          ...(specialUse ? { specialUse } : {}),
          subscribed: mailbox.subscribed === true,
          selectable: isSelectable(mailbox),
        };
      })
      .sort((a, b) => a.path.localeCompare(b.path)),
  );
}

/** Messages in the whole account, by STATUS (cheap enough to poll while a job runs). */
export function countAccountMessages(server: ImapTestServer, user: ImapTestUser): Promise<number> {
  return withImapSession(server, user, async (client) => {
    let total = 0;
    for (const mailbox of (await client.list()).filter(isSelectable)) {
      const status = await client.status(mailbox.path, { messages: true });
      if (status === false) throw new Error(`STATUS ${mailbox.path} failed`);
      total += status.messages ?? 0;
    }
    return total;
  });
}

/** Waits until at least `count` messages are in `user`'s account; how many there are by then. */
export function untilMessagesAt(
  server: ImapTestServer,
  user: ImapTestUser,
  count: number,
  timeoutMs: number,
): Promise<number> {
  return pollUntil(
    `at least ${count} messages at ${user.username}`,
    async () => {
      const arrived = await countAccountMessages(server, user);
      return arrived >= count ? arrived : undefined;
    },
    timeoutMs,
  );
}

/** The messages of one folder (logical path) with UID, content hash, size and flags. */
export function listFolderMessages(
  server: ImapTestServer,
  user: ImapTestUser,
  folder: string,
): Promise<ListedMessage[]> {
  return withImapSession(server, user, async (client) => {
    const lock = await client.getMailboxLock(toNamespacedPath(folder, server), {
      readOnly: true,
    });
    try {
      if (client.mailbox === false || client.mailbox.exists === 0) return [];
      const messages: ListedMessage[] = [];
      for await (const message of client.fetch('1:*', { uid: true, source: true, flags: true })) {
        const source = message.source ?? Buffer.alloc(0);
        messages.push({
          uid: message.uid,
          sha256: createHash('sha256').update(source).digest('hex'),
          size: source.length,
          flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent').sort(),
        });
      }
      return messages;
    } finally {
      lock.release();
    }
  });
}

/** Replaces the flags of one message (UID STORE FLAGS), as a mail client of the user would. */
export function storeMessageFlags(
  server: ImapTestServer,
  user: ImapTestUser,
  folder: string,
  uid: number,
  flags: string[],
): Promise<void> {
  return withImapSession(server, user, async (client) => {
    const lock = await client.getMailboxLock(toNamespacedPath(folder, server));
    try {
      // An empty list clears every flag (STORE FLAGS ()).
      const done = await client.messageFlagsSet(String(uid), flags, { uid: true });
      if (!done) throw new Error(`STORE on UID ${uid} in ${folder} failed`);
    } finally {
      lock.release();
    }
  });
}
