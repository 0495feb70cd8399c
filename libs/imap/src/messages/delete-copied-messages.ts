import { ImapError } from '../errors/imap-error';
import { toImapError } from '../errors/to-imap-error';
import { clientOf, type ImapSession } from '../session/imap-session';

/**
 * UID STORE +FLAGS (\Deleted) then UID EXPUNGE of exactly `uids` (RFC 4315). Without UIDPLUS the
 * only way to expunge is plain EXPUNGE, which also removes every message the user had flagged
 * \Deleted: that is refused, never done.
 */
export async function deleteCopiedMessages(
  session: ImapSession,
  folder: string,
  uids: readonly number[],
): Promise<void> {
  if (uids.length === 0) return;
  if (!session.hasCapability('UIDPLUS')) {
    throw new ImapError(
      'rejected',
      'The source server lacks UIDPLUS, so copied messages cannot be deleted without also expunging others',
      true,
    );
  }
  await session.openFolder(folder, false);
  let expunged;
  try {
    // imapflow's messageDelete is STORE +FLAGS \Deleted, then UID EXPUNGE when given uid:true
    // and the server has UIDPLUS (checked above).
    expunged = await clientOf(session).messageDelete([...uids], { uid: true });
  } catch (err) {
    throw toImapError(err);
  }
  if (!expunged)
    throw new ImapError(
      'rejected',
      `The server refused to delete copied messages in ${folder}`,
      false,
    );
}
