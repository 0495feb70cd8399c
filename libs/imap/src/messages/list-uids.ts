import { toImapError } from '../errors/to-imap-error';
import { clientOf, type ImapSession } from '../session/imap-session';
import type { FolderAccess } from './folder-access';
import { inRange, uidSequence, type UidRange } from './uid-range';

/** UID SEARCH UID from:to, ascending. */
export async function listUids(
  session: ImapSession,
  folder: string,
  range: UidRange,
  access: FolderAccess = {},
): Promise<number[]> {
  await session.openFolder(folder, access.readOnly ?? true);
  try {
    const uids = (await clientOf(session).search({ uid: uidSequence(range) }, { uid: true })) || [];
    return uids.filter((uid) => inRange(uid, range)).sort((a, b) => a - b);
  } catch (err) {
    throw toImapError(err);
  }
}
