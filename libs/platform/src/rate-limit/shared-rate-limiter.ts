import { RATE_LIMITS_BUCKET_PREFIX } from '@btsx/contracts';
import { KV, KvEntry, NatsConnection } from 'nats';
import { LazyBucket } from '../bus/jetstream-replicas';

/** A limit: at most `maxAttempts` per key in a window of `windowSeconds` from the first one. */
export interface RateLimit {
  /** Part of every key of this limit: letters, digits, `-` and `_`. */
  name: string;
  maxAttempts: number;
  windowSeconds: number;
}

/** One key's admitted attempts in its current window. */
interface WindowCount {
  startedAt: number;
  attempts: number;
}

/**
 * Counts attempts per key in one JetStream key-value entry, written with compare-and-set on
 * its revision, so every replica of a service shares one budget. A refused attempt writes
 * nothing, and the bucket forgets an entry a window after its last write: what is stored is a
 * hashed key and two numbers per client or account that was admitted lately.
 */
export class SharedRateLimiter {
  private bucket: LazyBucket | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt under a hashed key: null when it may go ahead, else the seconds until it may. */
  async hit(hashedKey: string): Promise<number | null> {
    const kv = await this.kv();
    const key = `${this.limit.name}.${hashedKey}`;
    for (;;) {
      const entry = await kv.get(key);
      const now = this.now();
      const count = this.liveCount(entry, now);
      if (count.attempts >= this.limit.maxAttempts) return this.secondsLeft(count, now);
      const data = JSON.stringify({ ...count, attempts: count.attempts + 1 });
      try {
        if (entry) await kv.update(key, data, entry.revision);
        else await kv.create(key, data);
        return null;
      } catch (error) {
        if (!/wrong last sequence|key exists/i.test(String(error))) throw error;
      }
    }
  }

  private liveCount(entry: KvEntry | null, now: number): WindowCount {
    const stored: WindowCount | null =
      entry?.operation === 'PUT' && entry.length > 0 ? entry.json() : null;
    const windowMs = this.limit.windowSeconds * 1000;
    return stored && now - stored.startedAt < windowMs ? stored : { startedAt: now, attempts: 0 };
  }

  private secondsLeft(count: WindowCount, now: number): number {
    return Math.max(1, Math.ceil((count.startedAt + this.limit.windowSeconds * 1000 - now) / 1000));
  }

  /** One bucket per window length, whose entries live as long as a window. */
  private kv(): Promise<KV> {
    const { windowSeconds } = this.limit;
    const name = `${RATE_LIMITS_BUCKET_PREFIX}_${windowSeconds}`;
    this.bucket ??= new LazyBucket(this.nc, name, windowSeconds * 1000);
    return this.bucket.open();
  }
}
