import { connect } from 'node:net';
import { receivesGreeting } from './tcp-greeting';
import { startCourier } from './index';

describe('startCourier', () => {
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
