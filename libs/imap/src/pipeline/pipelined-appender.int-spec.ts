import { createHash, randomBytes } from 'node:crypto';
import { chownSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  generateCorpus,
  readMailbox,
  startCourier,
  startDovecot,
  type CourierServer,
  type DovecotServer,
  type FixtureMessage,
  type ImapTestServer,
  type ImapTestUser,
} from '@btsx/testing';
import type { ImapError } from '../errors/imap-error';
import { clientOf } from '../session/imap-session';
import { openImapSession } from '../session/open-imap-session';
import { testLogin } from '../testing/test-sessions';
import { openPipelinedAppender, type PipelinedAppender } from './pipelined-appender';

const OPTIONS = { allowPrivateHosts: true };

/** What readMailbox reports for a message that arrived intact. */
const expected = (m: FixtureMessage) => ({
  sha256: createHash('sha256').update(m.raw).digest('hex'),
  size: m.raw.length,
  flags: m.flags.filter((f) => f !== '\\Recent').sort(),
  internalDate: Math.floor(m.internalDate.getTime() / 1000),
});

const corpusMessages = (count: number) =>
  generateCorpus({ messages: count, folders: 2, seed: 7 })
    .flatMap((folder) => folder.messages)
    .slice(0, count);

/** Appends each message as soon as the writer takes more, closes it, and gives the UIDs. */
async function appendAll(
  appender: PipelinedAppender,
  messages: FixtureMessage[],
): Promise<(number | undefined)[]> {
  const results: Promise<{ uid?: number }>[] = [];
  for (const m of messages) {
    await appender.whenWritable();
    results.push(appender.append(m.raw, m.flags, m.internalDate));
  }
  const uids = (await Promise.all(results)).map((r) => r.uid);
  await appender.close();
  return uids;
}

/**
 * Appends four small messages around one twice `limit`, all in one pipeline; checks that only
 * the big one was refused and the small ones arrived byte for byte, and gives its reason.
 */
async function expectOnlyTheTooBigRefused(
  server: ImapTestServer,
  user: ImapTestUser,
  limit: number,
): Promise<ImapError> {
  const small = (i: number) => Buffer.from(`Subject: small ${i}\r\n\r\nhello ${i}\r\n`);
  const big = Buffer.from(`Subject: big\r\n\r\n${'x'.repeat(2 * limit)}\r\n`);
  const raws = [small(1), small(2), big, small(3), small(4)];
  const date = new Date('2020-02-02T02:02:02Z');
  const appender = await openPipelinedAppender(testLogin(server, user), 'INBOX', OPTIONS);
  const settled = await Promise.allSettled(raws.map((raw) => appender.append(raw, [], date)));
  await appender.close();

  expect(settled.map((s) => s.status)).toEqual([
    'fulfilled',
    'fulfilled',
    'rejected',
    'fulfilled',
    'fulfilled',
  ]);
  const inbox = (await readMailbox(server, user)).find((f) => f.path === 'INBOX');
  const sha = (raw: Buffer) => createHash('sha256').update(raw).digest('hex');
  expect(inbox?.messages.map((m) => m.sha256)).toEqual(
    [small(1), small(2), small(3), small(4)].map(sha),
  );
  return (settled[2] as PromiseRejectedResult).reason as ImapError;
}

describe('PipelinedAppender against Dovecot', () => {
  const alice = { username: 'alice@pipeline.test', password: 'p"w\\ d' };
  let server: DovecotServer;

  beforeAll(async () => {
    server = await startDovecot({ users: [alice] });
  });
  afterAll(() => server?.stop());

  it('appends 200 messages through one connection, byte for byte with flags and dates', async () => {
    const messages = corpusMessages(200);
    const session = await openImapSession(testLogin(server, alice), OPTIONS);
    await clientOf(session).mailboxCreate('Reçus');
    await session.close();
    const appender = await openPipelinedAppender(testLogin(server, alice), 'Reçus', OPTIONS);
    const uids = await appendAll(appender, messages);

    expect(uids).toEqual(messages.map((_, i) => i + 1));
    const folder = (await readMailbox(server, alice)).find((f) => f.path === 'Reçus');
    expect(folder?.messages).toEqual(messages.map(expected));
  });

  it('answers a wrong password with auth_failed, without the password', async () => {
    const attempt = openPipelinedAppender(
      testLogin(server, alice, { password: 'wrong-secret' }),
      'INBOX',
      OPTIONS,
    );
    await expect(attempt).rejects.toMatchObject({ kind: 'auth_failed', permanent: true });
    await attempt.catch((err: Error) => expect(err.message).not.toContain('wrong-secret'));
  });

  it('answers a missing folder with no_such_folder', async () => {
    const attempt = openPipelinedAppender(testLogin(server, alice), 'Nope', OPTIONS);
    await expect(attempt).rejects.toMatchObject({ kind: 'no_such_folder' });
  });

  it('refuses loopback unless private hosts are allowed', async () => {
    const attempt = openPipelinedAppender(testLogin(server, alice), 'INBOX', {
      allowPrivateHosts: false,
    });
    await expect(attempt).rejects.toMatchObject({ kind: 'forbidden_host' });
  });
});

/** Courier's maildir quota (maildirsize, its first line), owned by the mail user as Courier wants. */
function setQuota(server: CourierServer, username: string, bytes: number): void {
  const dir = server.mailDir(username);
  const file = join(dir, 'maildirsize');
  writeFileSync(file, `${bytes}S\n`);
  const { uid, gid } = statSync(dir);
  chownSync(file, uid, gid);
}

describe('PipelinedAppender against Courier (neither LITERAL+ nor LITERAL-)', () => {
  // Courier's accounts are machine-wide: names no other test process uses at the same time.
  const unique = randomBytes(4).toString('hex');
  const dave = { username: `dave-${unique}@pipeline.test`, password: 'dave-pw' };
  const erin = { username: `erin-${unique}@pipeline.test`, password: 'erin-pw' };
  let server: CourierServer;

  beforeAll(async () => {
    server = await startCourier({ users: [dave, erin] });
  });
  afterAll(() => server?.stop());

  it('meets a server with neither LITERAL+ nor LITERAL-: its literals wait for their +', async () => {
    const session = await openImapSession(testLogin(server, dave), OPTIONS);
    expect(['LITERAL+', 'LITERAL-'].filter((name) => session.hasCapability(name))).toEqual([]);
    await session.close();
  });

  it('appends 200 messages through one connection, byte for byte with flags and dates', async () => {
    const messages = corpusMessages(200);
    const appender = await openPipelinedAppender(testLogin(server, dave), 'INBOX', OPTIONS);
    // Courier's SELECT tells no UIDNEXT: STATUS does.
    expect(appender.folderUids).toMatchObject({ uidNext: 1 });
    const uids = await appendAll(appender, messages);

    expect(uids).toEqual(messages.map((_, i) => i + 1));
    const inbox = (await readMailbox(server, dave)).find((f) => f.path === 'INBOX');
    expect(inbox?.messages).toEqual(messages.map(expected));
  });

  it('goes on past a message refused in the middle of the pipeline (over quota)', async () => {
    const QUOTA = 20_000;
    setQuota(server, erin.username, QUOTA);
    const reason = await expectOnlyTheTooBigRefused(server, erin, QUOTA);
    expect(reason).toMatchObject({ permanent: true });
  });
});

describe('PipelinedAppender against a Dovecot that refuses large messages', () => {
  const bob = { username: 'bob@pipeline.test', password: 'bob-pw' };
  const LIMIT = 30_000;
  let server: DovecotServer;

  beforeAll(async () => {
    server = await startDovecot({ users: [bob], maxMessageBytes: LIMIT });
  });
  afterAll(() => server?.stop());

  it('rejects the one message over the limit while the others arrive', async () => {
    const reason = await expectOnlyTheTooBigRefused(server, bob, LIMIT);
    expect(reason).toMatchObject({ permanent: true });
    expect(['too_big', 'rejected']).toContain(reason.kind);
  });
});

describe('PipelinedAppender over TLS', () => {
  const carol = { username: 'carol@pipeline.test', password: 'carol-pw' };
  let server: DovecotServer;

  beforeAll(async () => {
    server = await startDovecot({ users: [carol], tls: true });
  });
  afterAll(() => server?.stop());

  it('connects with implicit TLS when verification is off', async () => {
    const login = testLogin(server, carol, {
      security: 'tls',
      port: server.tlsPort!,
      verifyCertificate: false,
    });
    const appender = await openPipelinedAppender(login, 'INBOX', OPTIONS);
    await expect(appender.append(Buffer.from('Subject: t\r\n\r\nx\r\n'), [])).resolves.toEqual({
      uid: 1,
    });
    await appender.close();
  });

  it('upgrades with STARTTLS when asked', async () => {
    const login = testLogin(server, carol, { security: 'starttls', verifyCertificate: false });
    const appender = await openPipelinedAppender(login, 'INBOX', OPTIONS);
    await expect(appender.append(Buffer.from('Subject: s\r\n\r\ny\r\n'), [])).resolves.toEqual({
      uid: 2,
    });
    await appender.close();
  });

  it('refuses a self-signed certificate when verification is on', async () => {
    const login = testLogin(server, carol, { security: 'tls', port: server.tlsPort! });
    await expect(openPipelinedAppender(login, 'INBOX', OPTIONS)).rejects.toMatchObject({
      kind: 'tls',
    });
  });
});
