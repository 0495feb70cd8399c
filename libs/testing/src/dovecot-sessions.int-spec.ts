import { ImapFlow } from 'imapflow';
import { startDovecot } from './dovecot-server';

describe('counting a Dovecot user’s open sessions', () => {
  it('sees each IMAP connection of the user, and only theirs', async () => {
    const user = { username: 'who@test.local', password: 'pw' };
    const server = await startDovecot({
      users: [user, { username: 'other@test.local', password: 'pw' }],
    });
    const clients = [1, 2].map(
      () =>
        new ImapFlow({
          host: server.host,
          port: server.port,
          secure: false,
          auth: { user: user.username, pass: user.password },
          logger: false,
        }),
    );
    try {
      expect(await server.sessionsOf(user.username)).toBe(0);
      await Promise.all(clients.map((c) => c.connect()));
      expect(await server.sessionsOf(user.username)).toBe(2);
      expect(await server.sessionsOf('other@test.local')).toBe(0);
    } finally {
      await Promise.all(clients.map((c) => c.logout().catch(() => undefined)));
      await server.stop();
    }
  });
});
