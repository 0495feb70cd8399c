import { setTimeout as sleep } from 'node:timers/promises';
import type { JetStreamManager, KV, NatsConnection } from 'nats';
import { unansweredBy } from './bus-errors';

/**
 * A stream made a moment ago elects its leader within a second on loopback; a busy cluster
 * gets ten.
 */
const LEADER_ELECTION_MS = 10_000;
const LEADER_POLL_MS = 25;
/**
 * How often a JetStream API call is made while it goes unanswered: on a cluster, a stream,
 * bucket or consumer another replica is making answers nothing until it has its leader.
 */
const ANSWER_ATTEMPTS = 3;

/**
 * How many copies of each stream and key-value bucket the deployment's NATS keeps
 * (NATS_REPLICAS), carried by the connection the service made from its config: every stream
 * and bucket made over that connection gets it, wherever in the service it is made.
 */
const replicasOf = new WeakMap<NatsConnection, number>();

export function keepReplicas(nc: NatsConnection, replicas: number): void {
  replicasOf.set(nc, replicas);
}

/** One copy on a connection no service config made (a spec's own). */
export function replicasFor(nc: NatsConnection): number {
  return replicasOf.get(nc) ?? 1;
}

/**
 * A key-value bucket with the connection's replica count: made with it, or moved to it in
 * place when an earlier release made it with another (NATS copies the data to new replicas).
 * Reads go to the bucket's leader, not to any replica (direct get), which may answer with an
 * entry older than the last write: a compare-and-set would fail again and again, a cancel go
 * unseen.
 */
export function openBucket(nc: NatsConnection, name: string, ttlMs: number): Promise<KV> {
  return answered(() => openOnce(nc, name, ttlMs));
}

/**
 * A JetStream API call (setting up a stream, consumer or bucket) made again, up to
 * ANSWER_ATTEMPTS times, while it times out or finds no responder. Replicas of a service boot
 * together and make the same streams at once: one of them may be told nothing.
 */
export async function answered<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!unansweredBy(error) || attempt >= ANSWER_ATTEMPTS) throw error;
    }
  }
}

async function openOnce(nc: NatsConnection, name: string, ttlMs: number): Promise<KV> {
  const replicas = replicasFor(nc);
  const bucket = await nc.jetstream().views.kv(name, { ttl: ttlMs, replicas, allow_direct: false });
  const jsm = await nc.jetstreamManager();
  if ((await bucket.status()).replicas !== replicas) {
    await jsm.streams.update(`KV_${name}`, { num_replicas: replicas });
  }
  await untilLed(jsm, `KV_${name}`);
  return bucket;
}

/**
 * A key-value bucket opened on its first use and kept for the next. A failed open (NATS
 * unreachable, a cluster electing) is not kept: the next use tries again, so one bad moment
 * does not leave the process without its bucket for good.
 */
export class LazyBucket {
  private opening: Promise<KV> | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly name: string,
    private readonly ttlMs: number,
  ) {}

  open(): Promise<KV> {
    this.opening ??= openBucket(this.nc, this.name, this.ttlMs).catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }
}

/**
 * Waits until a replicated stream has its leader. On a cluster, a replica of a service that
 * makes a bucket while another replica makes it too may be answered before the stream elected
 * one, and a read of it then goes unanswered (it times out).
 */
async function untilLed(jsm: JetStreamManager, stream: string): Promise<void> {
  const deadline = Date.now() + LEADER_ELECTION_MS;
  for (;;) {
    const { cluster } = await jsm.streams.info(stream);
    if (!cluster || cluster.leader) return;
    if (Date.now() > deadline) throw new Error(`Stream ${stream} elected no leader`);
    await sleep(LEADER_POLL_MS);
  }
}
