import type { ImapFlow, ListResponse } from 'imapflow';
import type { ImapTestServer, ImapTestUser } from './imap-test-server';
import { withImapSession } from './imap-session';
import { toNamespacedPath, type PersonalNamespace } from './logical-path';
import type { FixtureFolder, FixtureMessage } from './mailbox-fixture';

/**
 * CREATE, tolerating a folder that exists already: Cyrus makes a folder's parents with it, and
 * neither Cyrus nor Courier says ALREADYEXISTS (imapflow then throws rather than returning).
 */
async function createFolder(client: ImapFlow, path: string): Promise<void> {
  try {
    await client.mailboxCreate(path);
  } catch (error) {
    if (!(await client.list()).some((mailbox) => mailbox.path === path)) throw error;
  }
}

/** The folder's path on the server, created unless it is INBOX or a special-use folder. */
async function serverPathFor(
  client: ImapFlow,
  namespace: PersonalNamespace,
  existing: ListResponse[],
  folder: FixtureFolder,
): Promise<string> {
  // Special-use folders exist under the server's own name: found by attribute.
  const bySpecialUse = existing.find(
    (mailbox) =>
      folder.specialUse !== undefined &&
      mailbox.specialUse === folder.specialUse &&
      mailbox.specialUseSource === 'extension',
  );
  if (bySpecialUse) return bySpecialUse.path;
  const path = toNamespacedPath(folder.path, namespace);
  if (path !== 'INBOX') await createFolder(client, path);
  return path;
}

export interface SeedOptions {
  /** APPEND loops side by side, each on its own connection, one APPEND at a time. */
  connections?: number;
  /**
   * Called for a folder the server will not create or a message it will not take, and the
   * seed goes on; without it the first refusal ends the seed.
   */
  onRefused?: (what: string, error: unknown) => void;
}

/**
 * Creates every fixture folder and APPENDs its messages with their flags and internal dates.
 * With several connections a folder's messages may land out of their fixture order. The bench
 * times this plain loop as the ceiling BTSX is measured against.
 */
export async function seedMailbox(
  server: ImapTestServer,
  user: ImapTestUser,
  folders: FixtureFolder[],
  options: SeedOptions = {},
): Promise<void> {
  const queue = await withImapSession(server, user, async (client) => {
    const existing = await client.list();
    const work: { path: string; message: FixtureMessage; folder: string }[] = [];
    for (const folder of folders) {
      const path = await refusable(`folder ${folder.path}`, options, () =>
        serverPathFor(client, server, existing, folder),
      );
      if (path === undefined) continue;
      work.push(...folder.messages.map((message) => ({ path, message, folder: folder.path })));
    }
    return work;
  });
  const appendLoop = () =>
    withImapSession(server, user, async (client) => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const { raw, flags, internalDate } = item.message;
        await refusable(`a ${raw.length}-byte message in ${item.folder}`, options, async () => {
          const appended = await client.append(item.path, raw, flags, internalDate);
          if (!appended) throw new Error(`APPEND to ${item.folder} failed`);
        });
      }
    });
  await Promise.all(Array.from({ length: options.connections ?? 1 }, appendLoop));
}

/** `work`'s result, or undefined after telling `onRefused` when it failed and one is given. */
async function refusable<T>(
  what: string,
  options: SeedOptions,
  work: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (!options.onRefused) throw error;
    options.onRefused(what, error);
    return undefined;
  }
}
