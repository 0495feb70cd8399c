import type { KV, NatsConnection } from 'nats';

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
 */
export async function openBucket(nc: NatsConnection, name: string, ttlMs: number): Promise<KV> {
  const replicas = replicasFor(nc);
  const bucket = await nc.jetstream().views.kv(name, { ttl: ttlMs, replicas });
  if ((await bucket.status()).replicas !== replicas) {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.update(`KV_${name}`, { num_replicas: replicas });
  }
  return bucket;
}
