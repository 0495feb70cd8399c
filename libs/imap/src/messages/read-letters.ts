import type { Letter } from '../matching/letter-matcher';
import type { FolderAccess } from './folder-access';
import type { FolderReader } from './folder-reader';
import {
  IDENTITY_HEADER_FIELDS,
  type IdentityHeaders,
  parseIdentityHeaders,
} from './identity-headers';
import { messageIdentity } from './message-identity';

/** A message's identity, size and flags, with the headers that name it in a report. */
export interface FolderLetter extends Letter {
  flags: string[];
  headers: IdentityHeaders;
  /** Its INTERNALDATE, where the read asked for it (and the server said). */
  internalDate?: Date;
}

/**
 * One FETCH (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID DATE FROM SUBJECT)])
 * over `uids` (a sequence set, `1:*` by default), yielded one at a time: what the matching
 * rule needs of each letter, without its body.
 */
export async function* readLetters(
  reader: FolderReader,
  folder: string,
  uids = '1:*',
  access: FolderAccess = {},
  dates = false,
): AsyncGenerator<FolderLetter> {
  if (uids === '') return;
  const query = { flags: true, size: true, headers: IDENTITY_HEADER_FIELDS, internalDate: dates };
  // Sent with the EXAMINE where the reader pipelines; let go for an empty folder, whose
  // `1:*` some servers refuse.
  const rows = reader.fetch(folder, access, uids, query);
  const mailbox = await reader.openFolder(folder, access.readOnly ?? true).catch((error) => {
    rows.discard();
    throw error;
  });
  if (mailbox.exists === 0) return rows.discard();
  for await (const row of rows) {
    const size = row.size ?? 0;
    const headers = parseIdentityHeaders(row.headers);
    const identity = messageIdentity({ ...headers, size });
    const letter: FolderLetter = {
      uid: row.uid,
      size,
      flags: [...(row.flags ?? [])],
      identity,
      headers,
    };
    if (dates) letter.internalDate = row.internalDate;
    yield letter;
  }
}
