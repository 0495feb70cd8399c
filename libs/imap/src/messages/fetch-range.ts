import { ImapError } from '../errors/imap-error';
import { clientOf, type ImapSession } from '../session/imap-session';
import { LARGE_MESSAGE_BYTES, OversizedMessage, readInPieces } from './fetch-large-message';
import type { FetchedMessage } from './fetch-messages';
import type { UnreadableMessage } from './fetch-batch';
import type { FolderAccess } from './folder-access';
import {
  IDENTITY_HEADER_FIELDS,
  type IdentityHeaders,
  parseIdentityHeaders,
} from './identity-headers';
import type { MessageSize } from './list-message-sizes';
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
interface MessageMeta extends Omit<FetchedMessage, 'raw' | 'identity'> {
  headers: IdentityHeaders;
}

/** A message whose first LARGE_MESSAGE_BYTES came in the range's FETCH, spooled. */
interface Started {
  meta: MessageMeta;
  firstPiece: SpooledBody;
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
  await session.openFolder(folder, access.readOnly ?? true);
  const started: Started[] = [];
  try {
    for await (const row of firstPieces(session, range)) {
      if (row.meta.size > options.maxBytes) options.tooBig(row.meta);
      else if (row.piece.length < LARGE_MESSAGE_BYTES) yield withBody(row.meta, row.piece);
      else started.push({ meta: row.meta, firstPiece: await SpooledBody.write([row.piece]) });
    }
    while (started.length > 0) {
      const message = await readOn(session, started.shift() as Started, options.unreadable);
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
  const query = {
    uid: true,
    flags: true,
    internalDate: true,
    size: true,
    headers: IDENTITY_HEADER_FIELDS,
    source: { start: 0, maxLength: LARGE_MESSAGE_BYTES },
  };
  try {
    const sequence = `${range.from}:${range.to}`;
    for await (const row of clientOf(session).fetch(sequence, query, { uid: true })) {
      if (!inRange(row.uid, range)) continue;
      if (!row.source) {
        throw new ImapError('protocol', `The server sent no body for UID ${row.uid}`, false);
      }
      const meta = {
        uid: row.uid,
        flags: [...(row.flags ?? [])],
        internalDate: row.internalDate ? new Date(row.internalDate) : undefined,
        size: row.size ?? row.source.length,
        headers: parseIdentityHeaders(row.headers),
      };
      yield { meta, piece: row.source };
    }
  } catch (err) {
    throw session.failure(err);
  }
}

/** The message as fetchMessages and fetchLargeMessage give it. */
function withBody({ headers, ...meta }: MessageMeta, raw: MessageBody): FetchedMessage {
  return { ...meta, raw, identity: messageIdentity({ ...headers, size: meta.size }) };
}

/**
 * A large message's spool completed with the pieces past its first; null (and reported) when
 * the server sends far more than it announced. Its size is the spool's, exact, as
 * fetchLargeMessage gives it.
 */
async function readOn(
  session: ImapSession,
  { meta, firstPiece }: Started,
  unreadable: UnreadableMessage,
): Promise<FetchedMessage | null> {
  try {
    const rest = readInPieces(session, meta.uid, meta.size, firstPiece.length);
    const raw = await firstPiece.extend(rest);
    return withBody({ ...meta, size: raw.length }, raw);
  } catch (err) {
    await firstPiece.discard();
    if (!(err instanceof OversizedMessage)) throw session.failure(err);
    unreadable(meta, err.message);
    return null;
  }
}
