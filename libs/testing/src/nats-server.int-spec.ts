import { connect, RetentionPolicy, StorageType, StringCodec } from 'nats';
import { startNats, type NatsServer } from './index';

describe('startNats', () => {
  let server: NatsServer;

  beforeAll(async () => {
    server = await startNats();
  });

  afterAll(() => server.stop());

  it('serves JetStream, and file streams survive a restart', async () => {
    const codec = StringCodec();
    const stream = { name: 'ORDERS', subjects: ['orders.>'], storage: StorageType.File };
    const before = await connect({ servers: server.url });
    const manager = await before.jetstreamManager();
    await manager.streams.add({ ...stream, retention: RetentionPolicy.Limits });
    await before.jetstream().publish('orders.new', codec.encode('first'));
    await before.close();

    await server.restart();

    const after = await connect({ servers: server.url });
    const message = await (await after.jetstreamManager()).streams.getMessage('ORDERS', { seq: 1 });
    expect(codec.decode(message.data)).toBe('first');
    await after.close();
  });
});
