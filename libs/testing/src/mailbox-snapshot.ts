import { createHash } from 'node:crypto';
import type { ImapFlow, ListResponse } from 'imapflow';
import type { ImapTestServer, ImapTestUser } from './imap-test-server';
import { withImapSession } from './imap-session';
import { fromNamespacedPath } from './logical-path';
import type { FixtureFolder } from './mailbox-fixture';

export interface SnapshotMessage {
  sha256: string;
  size: number;
  /** Sorted, without \Recent (session state, not message state). */
  flags: string[];
  /** Epoch seconds. */
  internalDate: number;
  /** The bytes themselves, when the reader was asked to keep them. */
  raw?: Buffer;
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

export function snapshotMessage(
  source: Buffer,
  flags: string[],
  internalDate: Date,
): SnapshotMessage {
  return {
    sha256: createHash('sha256').update(source).digest('hex'),
    size: source.length,
    flags: flags.filter((flag) => flag !== '\\Recent').sort(),
    internalDate: Math.floor(internalDate.getTime() / 1000),
  };
}

/** What readMailbox should read back once `folders` are seeded: to compare with it. */
export function snapshotOfFixture(folders: FixtureFolder[]): MailboxSnapshot {
  return folders.map((folder) => ({
    path: folder.path,
    ...(folder.specialUse ? { specialUse: folder.specialUse } : {}),
    messages: folder.messages.map((m) => snapshotMessage(m.raw, m.flags, m.internalDate)),
  }));
}

/** Folders that exist only as hierarchy placeholders hold no messages. */
const UNSELECTABLE = ['\\Noselect', '\\NonExistent'];

function selectable(mailbox: ListResponse): boolean {
  return !UNSELECTABLE.some((flag) => mailbox.flags.has(flag));
}

export interface ReadOptions {
  /** Keep each message's bytes (`raw`), to work out what another server would store. */
  keepSource?: boolean;
}

async function readMessages(
  client: ImapFlow,
  path: string,
  options: ReadOptions,
): Promise<SnapshotMessage[]> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    if (client.mailbox === false || client.mailbox.exists === 0) return [];
    const messages: SnapshotMessage[] = [];
    const query = { uid: true, source: true, flags: true, internalDate: true };
    for await (const message of client.fetch('1:*', query)) {
      const source = message.source ?? Buffer.alloc(0);
      const flags = [...(message.flags ?? [])];
      const read = snapshotMessage(source, flags, new Date(message.internalDate ?? 0));
      messages.push(options.keepSource ? { ...read, raw: source } : read);
    }
    return messages;
  } finally {
    lock.release();
  }
}

/** Reads every selectable folder and every message back, keyed by logical path. */
export function readMailbox(
  server: ImapTestServer,
  user: ImapTestUser,
  options: ReadOptions = {},
): Promise<MailboxSnapshot> {
  return withImapSession(server, user, async (client) => {
    const snapshot: MailboxSnapshot = [];
    for (const mailbox of (await client.list()).filter(selectable)) {
      // Only the server's own attributes count; imapflow also guesses from names.
      const specialUse = mailbox.specialUseSource === 'extension' ? mailbox.specialUse : undefined;
      snapshot.push({
        // The mailbox's own delimiter: another namespace may use another.
        path: fromNamespacedPath(mailbox.path, { ...server, separator: mailbox.delimiter }),
        ...(specialUse ? { specialUse } : {}),
        messages: await readMessages(client, mailbox.path, options),
      });
    }
    return snapshot.sort((a, b) => a.path.localeCompare(b.path));
  });
}
