import type { ImapLogin } from '@btsx/contracts';
import { authenticate } from './authenticate';
import { CommandPipeline } from './command-pipeline';
import { FakeImapPeer, hangUpEveryPeer, settle, unawaited } from './testing/fake-imap-peer';

const LIMITS = { maxInFlight: 32, maxBytesInFlight: 1 << 20, idleTimeoutMs: 60_000 };
const login = (overrides: Partial<ImapLogin>): ImapLogin => ({
  host: 'imap.example.com',
  port: 993,
  security: 'tls',
  verifyCertificate: true,
  username: 'alice@example.com',
  ...overrides,
});
const decode = (line: string) => Buffer.from(line, 'base64').toString();

function setup() {
  const peer = new FakeImapPeer();
  return { peer, pipeline: new CommandPipeline(peer.stream, LIMITS) };
}

afterEach(hangUpEveryPeer);

describe('authenticate', () => {
  it('sends LOGIN with the password quoted and escaped', async () => {
    const { peer, pipeline } = setup();
    const done = authenticate(pipeline, login({ password: 'p"w\\d' }), new Set(), 'h');
    await settle();
    expect(peer.written).toBe('P1 LOGIN "alice@example.com" "p\\"w\\\\d"\r\n');
    peer.send('P1 OK [CAPABILITY IMAP4rev1 LITERAL+] Logged in');
    await expect(done).resolves.toEqual(new Set(['IMAP4REV1', 'LITERAL+']));
  });

  it('sends an 8-bit password as a literal, waiting for + without LITERAL+', async () => {
    const { peer, pipeline } = setup();
    unawaited(authenticate(pipeline, login({ password: 'pässwörd' }), new Set(), 'h'));
    await settle();
    expect(peer.written).toBe('P1 LOGIN "alice@example.com" {10}\r\n');
    peer.send('+ OK');
    await settle();
    const utf8 = Buffer.from('pässwörd').toString('latin1');
    expect(peer.written).toBe(`P1 LOGIN "alice@example.com" {10}\r\n${utf8}\r\n`);
  });

  it('turns a refused LOGIN into auth_failed without the password', async () => {
    const { peer, pipeline } = setup();
    const done = authenticate(pipeline, login({ password: 'hunter2' }), new Set(), 'h');
    await settle();
    peer.send('P1 NO [AUTHENTICATIONFAILED] Authentication failed for hunter2.');
    await expect(done).rejects.toMatchObject({ kind: 'auth_failed', permanent: true });
    await done.catch((err: Error) => expect(err.message).not.toContain('hunter2'));
  });

  it('prefers OAUTHBEARER with SASL-IR for an access token', async () => {
    const { peer, pipeline } = setup();
    const capabilities = new Set(['AUTH=OAUTHBEARER', 'AUTH=XOAUTH2', 'SASL-IR']);
    unawaited(
      authenticate(pipeline, login({ accessToken: 'tok' }), capabilities, 'imap.example.com'),
    );
    await settle();
    const [, payload] = peer.written.match(/^P1 AUTHENTICATE OAUTHBEARER (\S+)\r\n$/) ?? [];
    expect(decode(payload)).toBe(
      'n,a=alice@example.com,\x01host=imap.example.com\x01port=993\x01auth=Bearer tok\x01\x01',
    );
  });

  it('sends XOAUTH2 after the first + without SASL-IR, and acknowledges an error', async () => {
    const { peer, pipeline } = setup();
    const done = authenticate(
      pipeline,
      login({ accessToken: 'tok' }),
      new Set(['AUTH=XOAUTH2']),
      'h',
    );
    await settle();
    expect(peer.written).toBe('P1 AUTHENTICATE XOAUTH2\r\n');
    peer.send('+ ');
    await settle();
    const payload = peer.written.split('\r\n')[1];
    expect(decode(payload)).toBe('user=alice@example.com\x01auth=Bearer tok\x01\x01');
    peer.send(`+ ${Buffer.from('{"status":"401"}').toString('base64')}`);
    await settle();
    expect(peer.written.endsWith(`${payload}\r\n\r\n`)).toBe(true);
    peer.send('P1 NO [AUTHENTICATIONFAILED] Authentication failed');
    await expect(done).rejects.toMatchObject({ kind: 'auth_failed' });
  });
});
