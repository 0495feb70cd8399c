import { startCyrus, withImapSession } from './index';

describe('startCyrus', () => {
  it('counts each logged-in session of a user, and only theirs', async () => {
    const user = { username: 'who@test.local', password: 'pw' };
    const other = { username: 'other@test.local', password: 'pw' };
    const server = await startCyrus({ users: [user, other] });
    try {
      await withImapSession(server, user, () =>
        withImapSession(server, user, async () => {
          expect(await server.sessionsOf(user.username)).toBe(2);
          expect(await server.sessionsOf(other.username)).toBe(0);
          expect(await server.usersWithSessions()).toEqual([user.username]);
        }),
      );
    } finally {
      await server.stop();
    }
  });
});
