import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { receivesGreeting } from './tcp-greeting';
import { startCourier, withImapSession } from './index';

/** Courier's accounts are machine-wide: a name no other test process uses at the same time. */
const unique = (name: string) => `${name}-${randomBytes(4).toString('hex')}@test.local`;

describe('startCourier', () => {
  it('counts each logged-in session of a user, and only theirs', async () => {
    const user = { username: unique('who'), password: 'pw' };
    const other = { username: unique('other'), password: 'pw' };
    const server = await startCourier({ users: [user, other] });
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

  it('closes a connection past the per-address cap without a greeting', async () => {
    const server = await startCourier({ maxConnectionsPerIp: 1 });
    const held = connect({ host: server.host, port: server.port });
    try {
      await new Promise((resolve) => held.once('data', resolve));
      expect(await receivesGreeting(server.host, server.port, '* OK')).toBe(false);
    } finally {
      held.destroy();
      await server.stop();
    }
  });
});
