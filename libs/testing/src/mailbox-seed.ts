import type { ImapFlow } from 'imapflow';
import type { DovecotServer, DovecotUser } from './dovecot-server';
import { withImapSession } from './imap-session';
import { toSegments } from './logical-path';
import type { FixtureFolder } from './mailbox-fixture';

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

/** Creates every fixture folder and APPENDs its messages with their flags and internal dates. */
export function seedMailbox(
  server: DovecotServer,
  user: DovecotUser,
  folders: FixtureFolder[],
): Promise<void> {
  return withImapSession(server, user, async (client) => {
    for (const folder of folders) {
      const path = await serverPathFor(client, folder);
      for (const message of folder.messages) {
        const appended = await client.append(
          path,
          message.raw,
          message.flags,
          message.internalDate,
        );
        if (!appended) throw new Error(`APPEND to ${folder.path} failed`);
      }
    }
  });
}
