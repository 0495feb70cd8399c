import { ImapError } from '../errors/imap-error';
import { toImapError } from '../errors/to-imap-error';
import { clientOf, type ImapSession } from '../session/imap-session';
import { storableFlags } from '../flags/storable-flags';

/** UID STORE uids FLAGS (...): replaces the messages' flags with the storable part of `flags`. */
export async function setMessageFlags(
  session: ImapSession,
  folder: string,
  uids: readonly number[],
  flags: readonly string[],
): Promise<void> {
  const mailbox = await session.openFolder(folder, false);
  let stored;
  try {
    stored = await clientOf(session).messageFlagsSet(
      [...uids],
      storableFlags(flags, mailbox.permanentFlags),
      { uid: true },
    );
  } catch (err) {
    throw toImapError(err);
  }
  if (!stored) {
    throw new ImapError(
      'rejected',
      `The server refused to set flags on UIDs ${uids.join(',')}`,
      false,
    );
  }
}
