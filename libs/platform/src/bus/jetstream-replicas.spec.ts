import type { NatsConnection } from 'nats';
import { LazyBucket } from './jetstream-replicas';

/** A connection whose first `failures` bucket opens fail, as during a cluster's election. */
function flakyNats(failures: number) {
  let opens = 0;
  const bucket = { status: async () => ({ replicas: 1 }) };
  const views = {
    kv: async () => {
      if (++opens <= failures) throw new Error('TIMEOUT');
      return bucket;
    },
  };
  const nc = {
    jetstream: () => ({ views }),
    jetstreamManager: async () => ({ streams: { info: async () => ({}) } }),
  };
  return { nc: nc as unknown as NatsConnection, bucket, opens: () => opens };
}

describe('LazyBucket', () => {
  it('opens again after a failed open, then keeps the bucket it opened', async () => {
    const { nc, bucket, opens } = flakyNats(1);
    const lazy = new LazyBucket(nc, 'btsx_test', 60_000);

    await expect(lazy.open()).rejects.toThrow('TIMEOUT');
    await expect(lazy.open()).resolves.toBe(bucket);
    await expect(lazy.open()).resolves.toBe(bucket);
    expect(opens()).toBe(2);
  });
});
