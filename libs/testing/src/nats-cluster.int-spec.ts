import { connect, RetentionPolicy, StorageType, StringCodec } from 'nats';
import { type NatsCluster, pollUntil, startNatsCluster } from './index';

describe('startNatsCluster', () => {
  let cluster: NatsCluster;

  beforeAll(async () => {
    cluster = await startNatsCluster();
  }, 60_000);

  afterAll(() => cluster?.stop());

  it('keeps a three-replica stream on all three nodes, and its messages when its leader dies', async () => {
    const codec = StringCodec();
    const nc = await connect({ servers: cluster.nodes.map((node) => node.url) });
    const jsm = await nc.jetstreamManager();
    const stream = { name: 'ORDERS', subjects: ['orders.>'], storage: StorageType.File };
    await jsm.streams.add({ ...stream, retention: RetentionPolicy.Limits, num_replicas: 3 });
    await nc.jetstream().publish('orders.new', codec.encode('first'));
    const { cluster: placement } = await jsm.streams.info('ORDERS');
    const holders = [placement?.leader, ...(placement?.replicas ?? []).map((r) => r.name)];
    expect(holders.sort()).toEqual(cluster.nodes.map((node) => node.serverName).sort());

    const leader = await cluster.leaderOf('ORDERS');
    expect(leader.serverName).toBe(placement?.leader);
    await leader.kill();
    const survivor = await connect({
      servers: cluster.nodes.filter((node) => node !== leader).map((node) => node.url),
    });
    // A stream without a leader answers 503 for a few seconds, until the others elect one.
    const message = await pollUntil(
      'the first message from the survivors',
      async () => (await survivor.jetstreamManager()).streams.getMessage('ORDERS', { seq: 1 }),
      20_000,
    );
    expect(codec.decode(message.data)).toBe('first');
    await leader.restart();
    await Promise.all([nc.close(), survivor.close()]);
  }, 60_000);
});
