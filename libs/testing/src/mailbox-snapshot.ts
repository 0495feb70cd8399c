import { createHash } from 'node:crypto';
import type { ImapFlow, ListResponse } from 'imapflow';
import type { DovecotServer, DovecotUser } from './dovecot-server';
import { withImapSession } from './imap-session';
import { toLogicalPath } from './logical-path';

export interface SnapshotMessage {
  sha256: string;
  size: number;
  /** Sorted, without \Recent (session state, not message state). */
  flags: string[];
  /** Epoch seconds. */
  internalDate: number;
}

export interface SnapshotFolder {
  /** Logical: segments joined with '/'. */
  path: string;
  specialUse?: string;
  messages: SnapshotMessage[];
}

export type MailboxSnapshot = SnapshotFolder[];

export function snapshotMessageCount(snapshot: MailboxSnapshot): number {
  return snapshot.reduce((n, folder) => n + folder.messages.length, 0);
}

/** Folders that exist only as hierarchy placeholders hold no messages. */
const UNSELECTABLE = ['\\Noselect', '\\NonExistent'];

function selectable(mailbox: ListResponse): boolean {
  return !UNSELECTABLE.some((flag) => mailbox.flags.has(flag));
}

async function readMessages(client: ImapFlow, path: string): Promise<SnapshotMessage[]> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    if (client.mailbox === false || client.mailbox.exists === 0) return [];
    const messages: SnapshotMessage[] = [];
    const query = { uid: true, source: true, flags: true, internalDate: true };
    for await (const message of client.fetch('1:*', query)) {
      const source = message.source ?? Buffer.alloc(0);
      messages.push({
        sha256: createHash('sha256').update(source).digest('hex'),
        size: source.length,
        flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent').sort(),
        internalDate: Math.floor(new Date(message.internalDate ?? 0).getTime() / 1000),
      });
    }
    return messages;
  } finally {
    lock.release();
  }
}

/** Reads every selectable folder and every message back, keyed by logical path. */
export function readMailbox(server: DovecotServer, user: DovecotUser): Promise<MailboxSnapshot> {
  return withImapSession(server, user, async (client) => {
    const snapshot: MailboxSnapshot = [];
    for (const mailbox of (await client.list()).filter(selectable)) {
      // Only the server's own attributes count; imapflow also guesses from names.
      const specialUse = mailbox.specialUseSource === 'extension' ? mailbox.specialUse : undefined;
      snapshot.push({
        path: toLogicalPath(mailbox.path, mailbox.delimiter),
        ...(specialUse ? { specialUse } : {}),
        messages: await readMessages(client, mailbox.path),
      });
    }
    return snapshot.sort((a, b) => a.path.localeCompare(b.path));
  });
}
