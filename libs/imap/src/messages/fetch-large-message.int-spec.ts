import type { ImapLogin } from '@btsx/contracts';
import { readMailbox, seedMailbox, startDovecot, type DovecotServer } from '@btsx/testing';
import { createHash, randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { ImapSession } from '../session/imap-session';
import { openImapSession } from '../session/open-imap-session';
import { fetchLargeMessage, LARGE_MESSAGE_BYTES } from './fetch-large-message';
import type { SpooledBody } from './spooled-body';

const user = { username: 'large@source.test', password: 'large-pw' };
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** About `size` bytes of random base64 lines: any misplaced piece changes its digest. */
function message(size: number): Buffer {
  const head = 'Message-ID: <large@fetch.test>\r\nSubject: large\r\n\r\n';
  const lines =
    randomBytes(Math.ceil(size * 0.74))
      .toString('base64')
      .match(/.{1,76}/g) ?? [];
  return Buffer.from(head + lines.join('\r\n') + '\r\n');
}

describe('fetchLargeMessage against a real Dovecot', () => {
  let server: DovecotServer;
  let session: ImapSession;
  const raw = message(2 * LARGE_MESSAGE_BYTES + 12_345);

  beforeAll(async () => {
    server = await startDovecot({ users: [user] });
    const internalDate = new Date(Date.UTC(2020, 1, 2, 3, 4, 5));
    await seedMailbox(server, user, [
      { path: 'INBOX', messages: [{ raw, flags: ['\\Flagged'], internalDate }] },
    ]);
    const login: ImapLogin = {
      host: server.host,
      port: server.port,
      security: 'none',
      verifyCertificate: true,
      ...user,
    };
    session = await openImapSession(login, { allowPrivateHosts: true });
  });

  afterAll(async () => {
    await session.close();
    await server.stop();
  });

  it('reads every byte in pieces, with flags, date and identity, and leaves \\Seen alone', async () => {
    const fetched = await fetchLargeMessage(session, 'INBOX', 1);
    const body = fetched?.raw as SpooledBody;
    expect(sha(await body.read())).toBe(sha(raw));
    expect(fetched).toMatchObject({ uid: 1, size: raw.length });
    expect(fetched?.flags).toContain('\\Flagged');
    expect(fetched?.flags).not.toContain('\\Seen');
    expect(fetched?.internalDate?.toISOString()).toBe('2020-02-02T03:04:05.000Z');
    expect(fetched?.identity).toContain('large@fetch.test');
    const inbox = (await readMailbox(server, user)).find((folder) => folder.path === 'INBOX');
    expect(inbox?.messages[0].flags).toEqual(['\\Flagged']);
  });

  it('keeps the bytes in a private spool file until they are discarded', async () => {
    const body = (await fetchLargeMessage(session, 'INBOX', 1))?.raw as SpooledBody;
    expect(body.length).toBe(raw.length);
    expect((await stat(body.path)).mode & 0o777).toBe(0o600);
    const streamed: Buffer[] = [];
    for await (const piece of body.pieces()) streamed.push(piece);
    expect(sha(Buffer.concat(streamed))).toBe(sha(raw));
    await body.discard();
    await expect(stat(body.path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('answers null for a UID that is not there', async () => {
    expect(await fetchLargeMessage(session, 'INBOX', 99)).toBeNull();
  });
});
