import { connect, type Socket } from 'node:net';
import { receivesGreeting } from './tcp-greeting';
import { pollUntil, startCourier } from './index';

/**
 * A connection the server greeted. Its readiness probe held the one slot a moment ago, and
 * couriertcpd frees it only once that probe's imapd exited: until then it closes new ones.
 */
function greetedConnection(host: string, port: number): Promise<Socket> {
  const attempt = () =>
    new Promise<Socket | undefined>((resolve) => {
      const socket = connect({ host, port });
      socket.once('data', () => resolve(socket));
      socket.once('error', () => resolve(undefined));
      socket.once('close', () => resolve(undefined));
    });
  return pollUntil('a greeted connection to Courier', attempt, 30_000);
}

describe('startCourier', () => {
  it('closes a connection past the per-address cap without a greeting', async () => {
    const server = await startCourier({ maxConnectionsPerIp: 1 });
    let held: Socket | undefined;
    try {
      held = await greetedConnection(server.host, server.port);
      expect(await receivesGreeting(server.host, server.port, '* OK')).toBe(false);
    } finally {
      held?.destroy();
      await server.stop();
    }
  });
});
