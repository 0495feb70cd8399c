import { STREAMS, streamOf, SUBJECTS } from '@btsx/contracts';
import { randomUUID } from 'node:crypto';
import { type NatsCluster, pollUntil, startNatsCluster } from '@btsx/testing';
import { connect, type NatsConnection, StringCodec } from 'nats';
import { BusClient } from './bus-client';
import { keepReplicas, openBucket } from './jetstream-replicas';
import { ensureStreams } from './jetstream-setup';

const codec = StringCodec();
const OPTIONS = { deleteSource: false, foldersOnly: false, progressUpdates: false };
const jobRequested = () => ({
  jobId: randomUUID(),
  options: { ...OPTIONS, reconcileExisting: false },
});

describe('NATS_REPLICAS on a three-node JetStream cluster', () => {
  let cluster: NatsCluster;
  const connections: NatsConnection[] = [];

  beforeAll(async () => {
    cluster = await startNatsCluster();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(connections.map((nc) => nc.close()));
    await cluster?.stop();
  });

  async function connection(replicas?: number): Promise<NatsConnection> {
    const nc = await connect({ servers: cluster.nodes.map((node) => node.url) });
    if (replicas !== undefined) keepReplicas(nc, replicas);
    connections.push(nc);
    return nc;
  }

  /** How many nodes hold each stream (its leader and its other replicas), once all do. */
  async function holders(nc: NatsConnection, names: string[], want: number) {
    const jsm = await nc.jetstreamManager();
    const count = async (name: string) => {
      const { cluster: placement } = await jsm.streams.info(name);
      return placement?.leader ? 1 + (placement.replicas?.length ?? 0) : 0;
    };
    // A stream given more replicas answers with fewer until the new ones have caught up.
    const counts = await pollUntil(
      `every stream on ${want} nodes`,
      async () => {
        const found = await Promise.all(names.map(count));
        return found.every((n) => n === want) ? found : undefined;
      },
      10_000,
    );
    return Object.fromEntries(names.map((name, n) => [name, counts[n]]));
  }

  it('moves streams and buckets an earlier release kept on one node to three, in place, with their data', async () => {
    const before = await connection();
    await ensureStreams(before);
    await before.jetstream().publish(SUBJECTS.jobRequested, codec.encode('{}'));
    const bucket = await openBucket(before, 'btsx_replicas_test', 60_000);
    await bucket.put('job-1', codec.encode('cancelled'));
    const names = [...STREAMS.map((stream) => stream.name), 'KV_btsx_replicas_test'];
    expect(await holders(before, names, 1)).toEqual(
      Object.fromEntries(names.map((name) => [name, 1])),
    );

    // The release that sets NATS_REPLICAS=3 boots.
    const after = await connection(3);
    await ensureStreams(after);
    const moved = await openBucket(after, 'btsx_replicas_test', 60_000);

    expect(await holders(after, names, 3)).toEqual(
      Object.fromEntries(names.map((name) => [name, 3])),
    );
    expect(codec.decode((await moved.get('job-1'))!.value)).toBe('cancelled');
    const jobs = await (await after.jetstreamManager()).streams.info(STREAMS[0].name);
    expect(jobs.state.messages).toBe(1);
  }, 60_000);

  it('makes new streams and buckets with three copies from the start', async () => {
    const nc = await connection(3);
    const bucket = await openBucket(nc, 'btsx_replicas_new', 60_000);
    expect((await bucket.status()).replicas).toBe(3);
  }, 60_000);

  it('lets every replica read and write a bucket that replicas on different nodes make at once', async () => {
    // Each connection on a node of its own, as replicas of a service spread over a cluster.
    const replicas = await Promise.all(
      cluster.nodes.map(async (node) => {
        const nc = await connect({ servers: node.url });
        keepReplicas(nc, 3);
        connections.push(nc);
        return nc;
      }),
    );
    const buckets = await Promise.all(
      replicas.map((nc) => openBucket(nc, 'btsx_replicas_at_once', 60_000)),
    );
    // A first read right away, as a rate limit's or a lease's compare-and-set begins.
    expect(await Promise.all(buckets.map((bucket, n) => bucket.get(`key-${n}`)))).toEqual([
      null,
      null,
      null,
    ]);
    await Promise.all(buckets.map((bucket, n) => bucket.create(`key-${n}`, codec.encode(`${n}`))));
    const read = await Promise.all(buckets.map((bucket, n) => bucket.get(`key-${(n + 1) % 3}`)));
    expect(read.map((entry) => entry && codec.decode(entry.value))).toEqual(['1', '2', '0']);
  }, 60_000);

  it('stores a publish made while the stream lost its leader, once the others elect one', async () => {
    const nc = await connection(3);
    await ensureStreams(nc);
    const jobs = streamOf(SUBJECTS.jobRequested).name;
    const jsm = await nc.jetstreamManager();
    const before = (await jsm.streams.info(jobs)).state.messages;
    const leader = await cluster.leaderOf(jobs);
    await leader.kill();
    try {
      await new BusClient(nc).publish(SUBJECTS.jobRequested, jobRequested(), 'lost-leader');
      const after = await jsm.streams.info(jobs);
      expect(after.cluster?.leader).not.toBe(leader.serverName);
      expect(after.state.messages).toBe(before + 1);
    } finally {
      await leader.restart();
    }
  }, 60_000);
});
