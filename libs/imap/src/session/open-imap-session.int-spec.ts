import type { ImapLogin } from '@btsx/contracts';
import { freePort } from '@btsx/runner';
import { startDovecot, type DovecotServer } from '@btsx/testing';
import { openImapSession } from './open-imap-session';

const user = { username: 'alice@test.local', password: 'alice-pw' };

describe('openImapSession against Dovecot', () => {
  let server: DovecotServer;
  const login = (overrides: Partial<ImapLogin> = {}): ImapLogin => ({
    host: server.host,
    port: server.port,
    security: 'none',
    verifyCertificate: true,
    username: user.username,
    password: user.password,
    ...overrides,
  });

  beforeAll(async () => {
    server = await startDovecot({ users: [user] });
  });
  afterAll(() => server?.stop());

  it('logs in and reports capabilities', async () => {
    const session = await openImapSession(login(), { allowPrivateHosts: true });
    expect(session.capabilities.has('UIDPLUS')).toBe(true);
    await session.close();
  });

  it('answers a wrong password with auth_failed, without the password', async () => {
    const attempt = openImapSession(login({ password: 'wrong-secret' }), {
      allowPrivateHosts: true,
    });
    await expect(attempt).rejects.toMatchObject({ kind: 'auth_failed', permanent: true });
    await attempt.catch((err: Error) => expect(err.message).not.toContain('wrong-secret'));
  });

  it('answers a closed port with unreachable', async () => {
    const port = await freePort();
    const attempt = openImapSession(login({ port }), { allowPrivateHosts: true });
    await expect(attempt).rejects.toMatchObject({ kind: 'unreachable' });
  });

  it('refuses loopback unless private hosts are allowed', async () => {
    const attempt = openImapSession(login(), { allowPrivateHosts: false });
    await expect(attempt).rejects.toMatchObject({ kind: 'forbidden_host', permanent: true });
  });
});
