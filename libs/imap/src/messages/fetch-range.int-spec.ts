import { type ImapTestServer, startCourier, startCyrus, startDovecot } from '@btsx/testing';
import { createHash, randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { PipelinedReader } from '../pipeline/pipelined-reader';
import type { ImapSession } from '../session/imap-session';
import { openTestReader, openTestSession } from '../testing/test-sessions';
import { appendMessage } from './append-message';
import { fetchBatch } from './fetch-batch';
import { LARGE_MESSAGE_BYTES } from './fetch-large-message';
import type { FetchedMessage } from './fetch-messages';
import { fetchRange, type FetchRangeOptions, requestRange } from './fetch-range';
import type { UidRange } from './uid-range';
import { listMessageSizes } from './list-message-sizes';
import { type MessageBody, SpooledBody } from './spooled-body';

/** Courier's accounts are machine-wide: a name no other test process uses at once. */
const newUser = () => ({
  username: `range-${randomBytes(4).toString('hex')}@test.local`,
  password: 'range-pw',
});

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Exactly `size` bytes: a header, then random base64 lines; any misplaced piece shows. */
function letter(id: string, size: number): Buffer {
  const head = `Message-ID: <${id}@range.test>\r\nSubject: ${id}\r\n\r\n`;
  const lines = (
    randomBytes(size)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
  return Buffer.from((head + lines).slice(0, size - 2) + '\r\n');
}

/** Small ones around a large one and one that exactly fills the first FETCH's window. */
const LETTERS = [
  { raw: letter('first', 3_000), flags: ['\\Flagged'] },
  { raw: letter('large', 2 * LARGE_MESSAGE_BYTES + 12_345), flags: ['\\Seen'] },
  { raw: letter('window', LARGE_MESSAGE_BYTES), flags: [] },
  { raw: letter('last', 70_000), flags: ['\\Answered'] },
];
const INTERNAL_DATE = new Date(Date.UTC(2021, 2, 3, 4, 5, 6));

const SERVERS: [string, () => Promise<ImapTestServer>][] = [
  ['Dovecot', () => startDovecot({ users: [] })],
  ['Courier', () => startCourier()],
  ['Cyrus', () => startCyrus()],
];

/** What a fetch gave of each message, the bytes as their digest; spooled bodies discarded. */
async function gather(messages: AsyncIterable<FetchedMessage>) {
  const byUid = new Map<number, Omit<FetchedMessage, 'raw'> & { sha: string }>();
  const spools: string[] = [];
  for await (const { raw, ...message } of messages) {
    if (raw instanceof SpooledBody) spools.push(raw.path);
    // \Recent is the session's own (the first to open the folder sees it), not the message's.
    const flags = message.flags.filter((flag) => flag !== '\\Recent');
    byUid.set(message.uid, { ...message, flags, sha: sha(await bytesOf(raw)) });
  }
  return { byUid, spools };
}

async function bytesOf(body: MessageBody): Promise<Buffer> {
  return body instanceof SpooledBody ? body.read() : body;
}

describe.each(SERVERS)('fetchRange through the source reader on %s', (_name, start) => {
  let server: ImapTestServer;
  /** The reference: imapflow, one command at a time. */
  let session: ImapSession;
  let reader: PipelinedReader;
  const refused: { uid: number; size: number }[] = [];
  const options = (maxBytes = Infinity): FetchRangeOptions => ({
    unreadable: (message, reason) => refused.push({ ...message, size: reason.length }),
    maxBytes,
    tooBig: (message) => refused.push({ uid: message.uid, size: message.size }),
  });

  beforeAll(async () => {
    server = await start();
    const user = newUser();
    await server.addUser(user);
    session = await openTestSession(server, user);
    reader = await openTestReader(server, user);
    for (const { raw, flags } of LETTERS) {
      await appendMessage(session, 'INBOX', raw, flags, INTERNAL_DATE);
    }
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    await reader?.close();
    await server?.stop();
  });
  beforeEach(() => (refused.length = 0));
  /** The range's FETCH sent with the folder's EXAMINE, as a copy's first pass sends it. */
  const readRange = (range: Required<UidRange>, maxBytes?: number) => {
    const folder = { reader, folder: 'INBOX', access: { readOnly: true } };
    return fetchRange(folder, range, requestRange(folder, range), options(maxBytes));
  };

  it('reads every message whole in one FETCH, exactly as listed sizes and batches read them', async () => {
    const range = { from: 1, to: LETTERS.length };
    const read = await gather(readRange(range));
    const sizes = await listMessageSizes(session, 'INBOX', range);
    const batch = fetchBatch(session, 'INBOX', sizes, { readOnly: true }, () => undefined);
    const listed = await gather(batch);

    expect(refused).toEqual([]);
    expect([...read.byUid.keys()].sort()).toEqual([1, 2, 3, 4]);
    for (const [index, { raw, flags }] of LETTERS.entries()) {
      const message = read.byUid.get(index + 1);
      expect(message).toMatchObject({ sha: sha(raw), size: raw.length });
      expect(message?.flags).toEqual(flags);
      expect(message?.internalDate?.toISOString()).toBe(INTERNAL_DATE.toISOString());
      // Identities decide what is already at the destination: both reads must agree.
      expect(message).toEqual(listed.byUid.get(index + 1));
    }
    // The two that filled the window went through spool files, removed once read.
    expect(read.spools).toHaveLength(2);
    for (const path of read.spools) {
      await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    }
  });

  it('reports a message over the limit without reading past its first piece', async () => {
    const range = { from: 1, to: LETTERS.length };
    const limit = LARGE_MESSAGE_BYTES + 1;
    const read = await gather(readRange(range, limit));

    expect(refused).toEqual([{ uid: 2, size: LETTERS[1].raw.length }]);
    expect([...read.byUid.keys()].sort()).toEqual([1, 3, 4]);
    expect(read.spools).toHaveLength(1);
  });

  it('reads only the range it was given', async () => {
    const read = await gather(readRange({ from: 3, to: 3 }));
    expect([...read.byUid.keys()]).toEqual([3]);
    expect(read.byUid.get(3)?.sha).toBe(sha(LETTERS[2].raw));
  });
});
