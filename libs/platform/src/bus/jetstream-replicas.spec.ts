import { ErrorCode, type NatsConnection } from 'nats';
import { answered, LazyBucket } from './jetstream-replicas';

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

describe('answered', () => {
  const failing = (code: string, times: number) => {
    let calls = 0;
    const call = jest.fn(async () => {
      if (++calls <= times) throw Object.assign(new Error(code), { code });
      return 'made';
    });
    return call;
  };

  it('makes a call again while it goes unanswered, up to three times', async () => {
    const twice = failing(ErrorCode.Timeout, 2);
    await expect(answered(twice)).resolves.toBe('made');
    expect(twice).toHaveBeenCalledTimes(3);

    const always = failing(ErrorCode.NoResponders, 3);
    await expect(answered(always)).rejects.toThrow(ErrorCode.NoResponders);
    expect(always).toHaveBeenCalledTimes(3);
  });

  it('does not make again a call the server refused', async () => {
    const refused = failing('400', 1);
    await expect(answered(refused)).rejects.toThrow('400');
    expect(refused).toHaveBeenCalledTimes(1);
  });
});
