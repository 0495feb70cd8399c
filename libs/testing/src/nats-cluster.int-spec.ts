import { connect, RetentionPolicy, StorageType, StringCodec } from 'nats';
import { type NatsCluster, startNatsCluster } from './index';

describe('startNatsCluster', () => {
  let cluster: NatsCluster;

  beforeAll(async () => {
    cluster = await startNatsCluster();
  }, 60_000);

  afterAll(() => cluster?.stop());

  it('keeps a three-replica stream on all three nodes, and its messages when its leader dies', async () => {
    const codec = StringCodec();
    const nc = await connect({ servers: cluster.url.split(',') });
    const jsm = await nc.jetstreamManager();
    const stream = { name: 'ORDERS', subjects: ['orders.>'], storage: StorageType.File };
    await jsm.streams.add({ ...stream, retention: RetentionPolicy.Limits, num_replicas: 3 });
    await nc.jetstream().publish('orders.new', codec.encode('first'));
    const { cluster: placement } = await jsm.streams.info('ORDERS');
    const holders = [placement?.leader, ...(placement?.replicas ?? []).map((r) => r.name)];
    expect(holders.sort()).toEqual(cluster.nodes.map((node) => node.serverName).sort());

    const leader = cluster.nodes.find((node) => node.serverName === placement?.leader);
    await leader?.kill();
    const survivor = await connect({
      servers: cluster.nodes.filter((node) => node !== leader).map((node) => node.url),
    });
    const message = await untilAnswered(async () =>
      (await survivor.jetstreamManager()).streams.getMessage('ORDERS', { seq: 1 }),
    );
    expect(codec.decode(message.data)).toBe('first');
    await leader?.restart();
    await Promise.all([nc.close(), survivor.close()]);
  }, 60_000);
});

/** A stream without a leader answers 503 for a few seconds, until the others elect one. */
async function untilAnswered<T>(ask: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ask();
    } catch (error) {
      if (attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
