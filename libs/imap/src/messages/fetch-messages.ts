import type { FetchMessageObject } from 'imapflow';
import { ImapError } from '../errors/imap-error';
import { clientOf, type ImapSession } from '../session/imap-session';
import type { FolderAccess } from './folder-access';
import { IDENTITY_HEADER_FIELDS, parseIdentityHeaders } from './identity-headers';
import { messageIdentity } from './message-identity';
import type { MessageBody } from './spooled-body';

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
export const MESSAGE_META_QUERY = {
  uid: true,
  flags: true,
  internalDate: true,
  size: true,
  headers: IDENTITY_HEADER_FIELDS,
} as const;

/** A FETCH answer's flags and internal date as a FetchedMessage holds them. */
export function flagsAndDate(
  row: FetchMessageObject,
): Pick<FetchedMessage, 'flags' | 'internalDate'> {
  return {
    flags: [...(row.flags ?? [])],
    internalDate: row.internalDate ? new Date(row.internalDate) : undefined,
  };
}

/**
 * Streams the given UIDs (one UID FETCH, BODY.PEEK[] so \Seen stays as it was). imapflow reads
 * the next response only after the consumer took the previous one, so at most one message is
 * held here whatever the size of `uids`; callers cut long lists into batches for checkpoints.
 * A UID expunged meanwhile is simply not yielded.
 */
export async function* fetchMessages(
  session: ImapSession,
  folder: string,
  uids: number[],
  access: FolderAccess = {},
): AsyncGenerator<FetchedMessage> {
  if (uids.length === 0) return;
  await session.openFolder(folder, access.readOnly ?? true);
  const query = { ...MESSAGE_META_QUERY, source: true };
  try {
    for await (const row of clientOf(session).fetch(uids, query, { uid: true })) {
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
  } catch (err) {
    throw session.failure(err);
  }
}
