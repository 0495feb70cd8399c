import { OBJECT_ID } from '@btsx/contracts';
import { clientOf, type ImapSession } from '../session/imap-session';

/**
 * Each folder's MAILBOXID (RFC 8474), read by EXAMINE one folder after another, where the
 * server offers OBJECTID; an empty map where it does not. A folder that cannot be examined, or
 * whose id is not one, is left out.
 */
export async function readMailboxIds(
  session: ImapSession,
  paths: readonly string[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (!session.hasCapability('OBJECTID')) return ids;
  const client = clientOf(session);
  for (const path of paths) {
    const id = await client.mailboxOpen(path, { readOnly: true }).then(
      (opened) => opened.mailboxId,
      () => undefined,
    );
    if (id && OBJECT_ID.test(id)) ids.set(path, id);
  }
  if (paths.length > 0) await client.mailboxClose().catch(() => undefined);
  return ids;
}

/** RENAMEs `from` to `to` (its subfolders go with it); a refusal quotes the server. */
export async function renameFolder(session: ImapSession, from: string, to: string): Promise<void> {
  try {
    await clientOf(session).mailboxRename(from, to);
  } catch (err) {
    throw session.failure(err);
  }
}
