import { startDovecot } from './dovecot-server';
import { withImapSession } from './imap-session';

describe('counting a Dovecot user’s open sessions', () => {
  it('sees each IMAP connection of the user, and only theirs', async () => {
    const user = { username: 'who@test.local', password: 'pw' };
    const other = { username: 'other@test.local', password: 'pw' };
    const server = await startDovecot({ users: [user, other] });
    try {
      expect(await server.sessionsOf(user.username)).toBe(0);
      await withImapSession(server, user, () =>
        withImapSession(server, user, async () => {
          expect(await server.sessionsOf(user.username)).toBe(2);
          expect(await server.sessionsOf(other.username)).toBe(0);
        }),
      );
    } finally {
      await server.stop();
    }
  });
});
