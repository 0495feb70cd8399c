import { ImapError } from '../errors/imap-error';
import { clientOf, type ImapSession } from '../session/imap-session';
import { LARGE_MESSAGE_BYTES, OversizedMessage, readInPieces } from './fetch-large-message';
import { type FetchedMessage, flagsAndDate, MESSAGE_META_QUERY } from './fetch-messages';
import type { UnreadableMessage } from './fetch-batch';
import type { FolderAccess } from './folder-access';
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
interface RangeRead extends FetchRangeOptions {
  session: ImapSession;
  folder: string;
  access: FolderAccess;
}

/**
 * Every message of a UID range in one FETCH, without listing sizes first: each message's
 * first LARGE_MESSAGE_BYTES (`BODY.PEEK[]<0.N>`) comes with its flags, date, size and
 * identity headers, and one that filled the window is spooled and read on in pieces after
 * the FETCH ended. Memory holds one piece at a time, as with fetchBatch; the order of the
 * messages is the server's, large ones last. The caller fixes `range.to` (a range open to
 * `*` would take in mail that arrives meanwhile).
 */
export async function* fetchRange(
  session: ImapSession,
  folder: string,
  range: Required<UidRange>,
  access: FolderAccess,
  options: FetchRangeOptions,
): AsyncGenerator<FetchedMessage> {
  const read: RangeRead = { ...options, session, folder, access };
  await session.openFolder(folder, access.readOnly ?? true);
  const started: Started[] = [];
  try {
    for await (const { meta, piece } of firstPieces(session, range)) {
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
  session: ImapSession,
  range: Required<UidRange>,
): AsyncGenerator<{ meta: MessageMeta; piece: Buffer }> {
  const query = { ...MESSAGE_META_QUERY, source: { start: 0, maxLength: LARGE_MESSAGE_BYTES } };
  try {
    const sequence = `${range.from}:${range.to}`;
    for await (const row of clientOf(session).fetch(sequence, query, { uid: true })) {
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
  } catch (err) {
    throw session.failure(err);
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
    throw read.session.failure(err);
  }
}

async function readRest(
  read: RangeRead,
  { meta, firstPiece }: Started,
  announced: number,
): Promise<FetchedMessage | null> {
  try {
    const rest = readInPieces(read.session, meta.uid, announced, firstPiece.length);
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
    read.session,
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
