import { ImapError } from '../errors/imap-error';
import { LARGE_MESSAGE_BYTES, OversizedMessage, readInPieces } from './fetch-large-message';
import { type FetchedMessage, flagsAndDate, MESSAGE_META_QUERY } from './fetch-messages';
import type { UnreadableMessage } from './fetch-batch';
import type { FetchedRows, FetchQuery, ReadFolder } from './folder-reader';
import { type IdentityHeaders, parseIdentityHeaders } from './identity-headers';
import { listMessageSizes, type MessageSize } from './list-message-sizes';
import { messageIdentity } from './message-identity';
import { discardBody, type MessageBody, SpooledBody } from './spooled-body';
import { inRange, type UidRange } from './uid-range';

export interface FetchRangeOptions {
  /** Told of each message this range could not deliver whole; the range goes on without it. */
  unreadable: UnreadableMessage;
  /** A message larger than this is not read past its first piece, only reported to `tooBig`. */
  maxBytes: number;
  tooBig(message: MessageSize): void;
}

/** What the range's FETCH told of a message besides its bytes. */
interface MessageMeta extends Omit<FetchedMessage, 'raw' | 'identity' | 'size'> {
  headers: IdentityHeaders;
  /** Its RFC822.SIZE, unless the server left it out. */
  announced?: number;
}

/** A message whose first LARGE_MESSAGE_BYTES came in the range's FETCH, spooled. */
interface Started {
  meta: MessageMeta;
  firstPiece: SpooledBody;
}

/** Where the range is read, and what it tells of the messages it cannot deliver. */
type RangeRead = ReadFolder & FetchRangeOptions;

/** Each message's first LARGE_MESSAGE_BYTES with its flags, date, size and identity headers. */
const RANGE_QUERY: FetchQuery = {
  ...MESSAGE_META_QUERY,
  source: { start: 0, maxLength: LARGE_MESSAGE_BYTES },
};

/**
 * Sends the FETCH of a range, at once where the reader pipelines (behind the folder's EXAMINE,
 * in the same round trip): the rows fetchRange reads. The caller fixes `range.to` (a range
 * open to `*` would take in mail that arrives meanwhile).
 */
export function requestRange(folder: ReadFolder, range: Required<UidRange>): FetchedRows {
  const { reader, access } = folder;
  return reader.fetch(folder.folder, access, `${range.from}:${range.to}`, RANGE_QUERY);
}

/**
 * Every message of a UID range in one FETCH (requestRange's rows), without listing sizes
 * first: each message's first LARGE_MESSAGE_BYTES (`BODY.PEEK[]<0.N>`) comes with its flags,
 * date, size and identity headers, and one that filled the window is spooled and read on in
 * pieces after the FETCH ended. Memory holds one piece at a time, as with fetchBatch; the
 * order of the messages is the server's, large ones last.
 */
export async function* fetchRange(
  folder: ReadFolder,
  range: Required<UidRange>,
  rows: FetchedRows,
  options: FetchRangeOptions,
): AsyncGenerator<FetchedMessage> {
  const read: RangeRead = { ...options, ...folder };
  const started: Started[] = [];
  try {
    for await (const { meta, piece } of firstPieces(rows, range)) {
      const size = meta.announced ?? piece.length;
      if (size > options.maxBytes) options.tooBig({ uid: meta.uid, size });
      else if (piece.length < LARGE_MESSAGE_BYTES) yield withBody(meta, size, piece);
      else started.push({ meta, firstPiece: await SpooledBody.write([piece]) });
    }
    for (let next = started.shift(); next; next = started.shift()) {
      const message = await readOn(read, next);
      if (!message) continue;
      try {
        yield message;
      } finally {
        await discardBody(message.raw);
      }
    }
  } finally {
    await Promise.all(started.map((s) => s.firstPiece.discard()));
  }
}

/** The range's messages as the FETCH streams them: what they are, and their first piece. */
async function* firstPieces(
  rows: FetchedRows,
  range: Required<UidRange>,
): AsyncGenerator<{ meta: MessageMeta; piece: Buffer }> {
  for await (const row of rows) {
    if (!inRange(row.uid, range)) continue;
    if (!row.source) {
      throw new ImapError('protocol', `The server sent no body for UID ${row.uid}`, false);
    }
    const meta = {
      uid: row.uid,
      ...flagsAndDate(row),
      announced: row.size,
      headers: parseIdentityHeaders(row.headers),
    };
    yield { meta, piece: row.source };
  }
}

/** The message as fetchMessages and fetchLargeMessage give it. */
function withBody(
  { headers, announced: _, ...meta }: MessageMeta,
  size: number,
  raw: MessageBody,
): FetchedMessage {
  return { ...meta, size, raw, identity: messageIdentity({ ...headers, size }) };
}

/**
 * A large message's spool completed with the pieces past its first, its size the spool's,
 * exact, as fetchLargeMessage gives it. Null when it went meanwhile, is over the limit, or
 * the server sends far more than it announced (those two reported).
 */
async function readOn(read: RangeRead, started: Started): Promise<FetchedMessage | null> {
  const { meta, firstPiece } = started;
  try {
    const announced = meta.announced ?? (await announcedSize(read, meta.uid));
    if (announced === undefined) return await discarded(firstPiece);
    if (announced > read.maxBytes) {
      read.tooBig({ uid: meta.uid, size: announced });
      return await discarded(firstPiece);
    }
    return await readRest(read, started, announced);
  } catch (err) {
    await firstPiece.discard();
    throw read.reader.failure(err);
  }
}

async function readRest(
  read: RangeRead,
  { meta, firstPiece }: Started,
  announced: number,
): Promise<FetchedMessage | null> {
  try {
    const rest = readInPieces(read, meta.uid, announced, firstPiece.length);
    const raw = await firstPiece.extend(rest);
    return withBody(meta, raw.length, raw);
  } catch (err) {
    if (!(err instanceof OversizedMessage)) throw err;
    read.unreadable({ uid: meta.uid, size: announced }, err.message);
    return null;
  }
}

/** RFC822.SIZE asked on its own, from a server that left it out of the range's FETCH. */
async function announcedSize(read: RangeRead, uid: number): Promise<number | undefined> {
  const [listed] = await listMessageSizes(
    read.reader,
    read.folder,
    { from: uid, to: uid },
    read.access,
  );
  return listed?.size;
}

async function discarded(body: SpooledBody): Promise<null> {
  await body.discard();
  return null;
}
