import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { startDovecot, type DovecotServer } from './index';

const alice = { username: 'alice@test.local', password: 'alice-pw' };

async function login(options: ImapFlowOptions): Promise<ImapFlow> {
  const client = new ImapFlow({ logger: false, ...options });
  await client.connect();
  return client;
}

const plain = (server: DovecotServer, auth = { user: alice.username, pass: alice.password }) => ({
  host: server.host,
  port: server.port,
  secure: false,
  auth,
});

describe('startDovecot', () => {
  describe('with defaults', () => {
    let server: DovecotServer;

    beforeAll(async () => {
      server = await startDovecot({ users: [alice] });
    });

    afterAll(() => server.stop());

    it('accepts a known user and lists the special-use folders', async () => {
      const client = await login(plain(server));
      const folders = (await client.list()).map((folder) => [folder.path, folder.specialUse]);
      await client.logout();
      expect(folders).toEqual(
        expect.arrayContaining([
          ['Sent', '\\Sent'],
          ['Drafts', '\\Drafts'],
          ['Trash', '\\Trash'],
          ['Junk', '\\Junk'],
          ['Archive', '\\Archive'],
        ]),
      );
    });

    it('rejects a wrong password without a penalty delay', async () => {
      const started = Date.now();
      await expect(login(plain(server, { user: alice.username, pass: 'wrong' }))).rejects.toThrow();
      const client = await login(plain(server));
      await client.logout();
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('adds a user without a restart', async () => {
      await server.addUser({ username: 'bob@test.local', password: 'bob-pw' });
      const client = await login(plain(server, { user: 'bob@test.local', pass: 'bob-pw' }));
      await client.logout();
    });
  });

  it("honours the '.' separator and custom special-use names", async () => {
    const server = await startDovecot({
      users: [alice],
      separator: '.',
      specialUse: { '\\Sent': 'Sent Items', '\\Archive': 'Archive/2020' },
    });
    try {
      const client = await login(plain(server));
      await client.mailboxCreate(['Projects', 'Q1']);
      const folders = await client.list();
      await client.logout();
      expect(server.separator).toBe('.');
      expect(folders.map((folder) => [folder.path, folder.delimiter, folder.specialUse])).toEqual(
        expect.arrayContaining([
          ['Projects.Q1', '.', undefined],
          ['Sent Items', '.', '\\Sent'],
          ['Archive.2020', '.', '\\Archive'],
        ]),
      );
    } finally {
      await server.stop();
    }
  });

  it('serves implicit TLS with its own certificate and STARTTLS on the plain port', async () => {
    const server = await startDovecot({ users: [alice], tls: true });
    try {
      expect(server.certificatePem).toContain('BEGIN CERTIFICATE');
      const auth = { user: alice.username, pass: alice.password };
      const tls = { ca: server.certificatePem };
      const implicit = await login({
        host: server.host,
        port: server.tlsPort!,
        secure: true,
        auth,
        tls,
      });
      const upgraded = await login({ ...plain(server), tls });
      expect(implicit.secureConnection).toBe(true);
      expect(upgraded.secureConnection).toBe(true);
      await Promise.all([implicit.logout(), upgraded.logout()]);
    } finally {
      await server.stop();
    }
  });
});
