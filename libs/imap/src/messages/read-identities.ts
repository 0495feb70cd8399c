import { clientOf, type ImapSession } from '../session/imap-session';
import type { FolderAccess } from './folder-access';
import { IDENTITY_HEADER_FIELDS, parseIdentityHeaders } from './identity-headers';
import { messageIdentity } from './message-identity';

export interface IdentifiedMessage {
  uid: number;
  flags: string[];
  size: number;
}

/**
 * One FETCH pass over a whole folder: BODY.PEEK[HEADER.FIELDS (MESSAGE-ID DATE FROM SUBJECT)],
 * RFC822.SIZE and FLAGS. Several messages can share an identity (the same mail filed twice),
 * hence a list per key.
 */
export async function readIdentities(
  session: ImapSession,
  folder: string,
  access: FolderAccess = {},
): Promise<Map<string, IdentifiedMessage[]>> {
  const mailbox = await session.openFolder(folder, access.readOnly ?? true);
  const identities = new Map<string, IdentifiedMessage[]>();
  if (mailbox.exists === 0) return identities;
  const query = { uid: true, flags: true, size: true, headers: IDENTITY_HEADER_FIELDS };
  try {
    for await (const row of clientOf(session).fetch('1:*', query, { uid: true })) {
      const size = row.size ?? 0;
      const key = messageIdentity({ ...parseIdentityHeaders(row.headers), size });
      const entry = { uid: row.uid, flags: [...(row.flags ?? [])], size };
      identities.set(key, [...(identities.get(key) ?? []), entry]);
    }
  } catch (err) {
    throw session.failure(err);
  }
  return identities;
}
