import { RATE_LIMITS_BUCKET_PREFIX } from '@btsx/contracts';
import { NatsReplicas, startNatsReplicas } from '@btsx/testing';
import { NatsConnection } from 'nats';
import { rateLimitKey } from './rate-limit-keys';
import { SharedRateLimiter } from './shared-rate-limiter';

describe('SharedRateLimiter on a real NATS server', () => {
  let replicas: NatsReplicas;
  let connections: NatsConnection[];

  beforeAll(async () => {
    replicas = await startNatsReplicas(2);
    connections = replicas.connections;
  });

  afterAll(() => replicas?.stop());

  it('gives two replicas one budget, counted once however the attempts race', async () => {
    const limit = { name: 'shared', maxAttempts: 7, windowSeconds: 600 };
    const replicas = connections.map((nc) => new SharedRateLimiter(nc, limit));
    const key = rateLimitKey('203.0.113.9');
    const hits = await Promise.all(Array.from({ length: 20 }, (_, i) => replicas[i % 2].hit(key)));
    expect(hits.filter((wait) => wait === null)).toHaveLength(7);
    expect(hits.filter((wait) => wait !== null && wait > 0 && wait <= 600)).toHaveLength(13);
    expect(await replicas[0].hit(rateLimitKey('198.51.100.7'))).toBeNull();
  });

  it('stores nothing for a refused attempt', async () => {
    const limit = { name: 'refused', maxAttempts: 1, windowSeconds: 601 };
    const limiter = new SharedRateLimiter(connections[0], limit);
    const key = rateLimitKey('192.0.2.1');
    await limiter.hit(key);
    for (let i = 0; i < 5; i++) expect(await limiter.hit(key)).not.toBeNull();
    const kv = await connections[1].jetstream().views.kv(`${RATE_LIMITS_BUCKET_PREFIX}_601`);
    const entry = await kv.get(`refused.${key}`);
    expect(entry?.revision).toBe(1);
    expect(entry?.json()).toEqual({ startedAt: expect.any(Number), attempts: 1 });
  });

  it('starts afresh once the window is over', async () => {
    let now = 1_000_000;
    const limit = { name: 'window', maxAttempts: 1, windowSeconds: 600 };
    const limiter = new SharedRateLimiter(connections[0], limit, () => now);
    const key = rateLimitKey('192.0.2.2');
    expect(await limiter.hit(key)).toBeNull();
    now += 150_000;
    expect(await limiter.hit(key)).toBe(450);
    now += 450_000;
    expect(await limiter.hit(key)).toBeNull();
  });
});
