import { clientOf, type ImapSession } from '../session/imap-session';
import type { FolderAccess } from './folder-access';
import { inRange, uidSequence, type UidRange } from './uid-range';

export interface MessageSize {
  uid: number;
  size: number;
}

/** UID FETCH from:to (RFC822.SIZE), ascending: enough to cut a range into batches by bytes. */
export async function listMessageSizes(
  session: ImapSession,
  folder: string,
  range: UidRange,
  access: FolderAccess = {},
): Promise<MessageSize[]> {
  await session.openFolder(folder, access.readOnly ?? true);
  const sizes: MessageSize[] = [];
  try {
    for await (const row of clientOf(session).fetch(
      uidSequence(range),
      { uid: true, size: true },
      { uid: true },
    )) {
      if (inRange(row.uid, range)) sizes.push({ uid: row.uid, size: row.size ?? 0 });
    }
  } catch (err) {
    throw session.failure(err);
  }
  return sizes.sort((a, b) => a.uid - b.uid);
}
