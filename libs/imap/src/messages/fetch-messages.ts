import { ImapError } from '../errors/imap-error';
import type { FolderAccess } from './folder-access';
import type { FetchedRow, FetchQuery, FolderReader } from './folder-reader';
import { IDENTITY_HEADER_FIELDS, parseIdentityHeaders } from './identity-headers';
import { messageIdentity } from './message-identity';
import type { MessageBody } from './spooled-body';
import { uidSet } from './uid-range';

export interface FetchedMessage {
  uid: number;
  flags: string[];
  /** Absent only if the server sent none; APPEND then lets the server pick. */
  internalDate?: Date;
  size: number;
  /** In memory, or in a spool file when large (fetchLargeMessage). */
  raw: MessageBody;
  identity: string;
}

/** What a copy FETCHes of a message besides its bytes. */
export const MESSAGE_META_QUERY: FetchQuery = {
  flags: true,
  internalDate: true,
  size: true,
  headers: IDENTITY_HEADER_FIELDS,
};

/** A FETCH answer's flags and internal date as a FetchedMessage holds them. */
export function flagsAndDate(row: FetchedRow): Pick<FetchedMessage, 'flags' | 'internalDate'> {
  return { flags: [...(row.flags ?? [])], internalDate: row.internalDate };
}

/**
 * Streams the given UIDs (one UID FETCH, BODY.PEEK[] so \Seen stays as it was). The reader
 * reads on only while the consumer keeps up, so memory holds a few messages whatever the size
 * of `uids`; callers cut long lists into batches for checkpoints. A UID expunged meanwhile is
 * simply not yielded.
 */
export async function* fetchMessages(
  reader: FolderReader,
  folder: string,
  uids: number[],
  access: FolderAccess = {},
): AsyncGenerator<FetchedMessage> {
  if (uids.length === 0) return;
  const query = { ...MESSAGE_META_QUERY, source: true as const };
  for await (const row of reader.fetch(folder, access, uidSet(uids), query)) {
    if (!row.source) {
      throw new ImapError('protocol', `The server sent no body for UID ${row.uid}`, false);
    }
    const size = row.size ?? row.source.length;
    yield {
      uid: row.uid,
      ...flagsAndDate(row),
      size,
      raw: row.source,
      identity: messageIdentity({ ...parseIdentityHeaders(row.headers), size }),
    };
  }
}
