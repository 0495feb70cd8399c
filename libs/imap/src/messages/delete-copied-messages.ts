import { ImapError } from '../errors/imap-error';
import type { FolderReader } from './folder-reader';

/**
 * UID STORE +FLAGS (\Deleted) then UID EXPUNGE of exactly `uids` (RFC 4315). Without UIDPLUS the
 * only way to expunge is plain EXPUNGE, which also removes every message the user had flagged
 * \Deleted: that is refused, never done.
 */
export async function deleteCopiedMessages(
  reader: FolderReader,
  folder: string,
  uids: readonly number[],
): Promise<void> {
  if (uids.length === 0) return;
  if (!reader.hasCapability('UIDPLUS')) {
    throw new ImapError(
      'rejected',
      'The source server lacks UIDPLUS, so copied messages cannot be deleted without also expunging others',
      true,
    );
  }
  if (!(await reader.deleteMessages(folder, uids))) {
    throw new ImapError(
      'rejected',
      `The server refused to delete copied messages in ${folder}`,
      false,
    );
  }
}
