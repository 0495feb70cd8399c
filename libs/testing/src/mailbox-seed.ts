import type { ImapFlow } from 'imapflow';
import type { DovecotServer, DovecotUser } from './dovecot-server';
import { withImapSession } from './imap-session';
import { toSegments } from './logical-path';
import type { FixtureFolder, FixtureMessage } from './mailbox-fixture';

// Special-use folders already exist under the server's own name: find them by attribute.
async function serverPathFor(client: ImapFlow, folder: FixtureFolder): Promise<string | string[]> {
  if (folder.specialUse) {
    const existing = (await client.list()).find(
      (mailbox) =>
        mailbox.specialUse === folder.specialUse && mailbox.specialUseSource === 'extension',
    );
    if (existing) return existing.path;
  }
  const segments = toSegments(folder.path);
  if (folder.path !== 'INBOX') await client.mailboxCreate(segments);
  return segments;
}

export interface SeedOptions {
  /** APPEND loops side by side, each on its own connection, one APPEND at a time. */
  connections?: number;
}

/**
 * Creates every fixture folder and APPENDs its messages with their flags and internal dates.
 * With several connections a folder's messages may land out of their fixture order. The bench
 * times this plain loop as the ceiling BTSX is measured against.
 */
export async function seedMailbox(
  server: DovecotServer,
  user: DovecotUser,
  folders: FixtureFolder[],
  options: SeedOptions = {},
): Promise<void> {
  const queue = await withImapSession(server, user, async (client) => {
    const work: { path: string | string[]; message: FixtureMessage; folder: string }[] = [];
    for (const folder of folders) {
      const path = await serverPathFor(client, folder);
      work.push(...folder.messages.map((message) => ({ path, message, folder: folder.path })));
    }
    return work;
  });
  const appendLoop = () =>
    withImapSession(server, user, async (client) => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const { raw, flags, internalDate } = item.message;
        const appended = await client.append(item.path, raw, flags, internalDate);
        if (!appended) throw new Error(`APPEND to ${item.folder} failed`);
      }
    });
  await Promise.all(Array.from({ length: options.connections ?? 1 }, appendLoop));
}
