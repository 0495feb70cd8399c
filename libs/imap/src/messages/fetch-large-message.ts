import { ImapError } from '../errors/imap-error';
import { type FetchedMessage, flagsAndDate, MESSAGE_META_QUERY } from './fetch-messages';
import type { FolderAccess } from './folder-access';
import { firstRow, type FolderReader, type ReadFolder } from './folder-reader';
import { parseIdentityHeaders } from './identity-headers';
import { messageIdentity } from './message-identity';
import { SpooledBody } from './spooled-body';

/**
 * Messages at least this large are read in partial FETCHes into a spool file and sent from
 * there: a whole-message FETCH makes imapflow gather the literal in chunks and join them,
 * holding every such message twice at its peak, and the copier's memory would grow with the
 * largest message.
 */
export const LARGE_MESSAGE_BYTES = 4 * 1024 * 1024;
/** Bytes per partial FETCH: a 50 MB message costs 25 round trips, a second at 40 ms. */
const CHUNK_BYTES = 2 * 1024 * 1024;
/**
 * How far past its RFC822.SIZE a message may run. A server may count bare LF line ends and
 * serve CRLF, at worst twice the bytes; a server that keeps sending full pieces beyond that
 * would fill the spool disk.
 */
const SIZE_MARGIN = 2;

/** A message the server sent more of than it announced: failed, never truncated. */
export class OversizedMessage extends ImapError {
  constructor(uid: number, announced: number, limit: number) {
    const message = `The server sent more than ${limit} bytes of UID ${uid}, which it announced as ${announced} bytes (RFC822.SIZE): not copied`;
    super('protocol', message, true);
  }
}

/**
 * One message read in `BODY.PEEK[]<offset.length>` pieces (so \Seen stays as it was) into a
 * SpooledBody, or null when it was expunged meanwhile. Memory: one piece. The caller discards
 * the body once it is sent.
 */
export async function fetchLargeMessage(
  reader: FolderReader,
  folder: string,
  uid: number,
  access: FolderAccess = {},
): Promise<FetchedMessage | null> {
  const meta = await firstRow(reader.fetch(folder, access, String(uid), MESSAGE_META_QUERY));
  if (!meta || meta.size === undefined) return null;
  const raw = await SpooledBody.write(readInPieces({ reader, folder, access }, uid, meta.size));
  return {
    uid,
    ...flagsAndDate(meta),
    size: raw.length,
    raw,
    identity: messageIdentity({ ...parseIdentityHeaders(meta.headers), size: raw.length }),
  };
}

/**
 * The message's bytes in order from `start`, until a short piece: a server whose size was
 * somewhat off still gets every byte; one far past `announcedBytes` throws OversizedMessage.
 */
export async function* readInPieces(
  { reader, folder, access }: ReadFolder,
  uid: number,
  announcedBytes: number,
  start = 0,
): AsyncGenerator<Buffer> {
  const limit = announcedBytes * SIZE_MARGIN + CHUNK_BYTES;
  for (let offset = start; ;) {
    if (offset >= limit) throw new OversizedMessage(uid, announcedBytes, limit);
    const source = { start: offset, maxLength: CHUNK_BYTES };
    const fetched = await firstRow(reader.fetch(folder, access, String(uid), { source }));
    const piece = fetched?.source;
    if (!piece) throw new ImapError('protocol', `The server sent no body for UID ${uid}`, false);
    yield piece;
    offset += piece.length;
    if (piece.length < CHUNK_BYTES) return;
  }
}
