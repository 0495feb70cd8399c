import { createHash } from 'node:crypto';
import { KV } from 'nats';

/** NATS timeouts in a row before an edit gives up (its caller's work is then retried). */
const MAX_TIMEOUTS = 3;

/**
 * Reads a key-value entry as JSON, edits it and writes it back only if nobody wrote it
 * meanwhile (compare-and-set on its revision): tried again when another process wrote first,
 * and on a NATS timeout (a loaded server), so `edit` must give the same result applied twice.
 * `edit` returns false to leave the entry as it is; so does editEntry then.
 */
export async function editEntry<T>(
  kv: KV,
  key: string,
  empty: () => T,
  edit: (value: T) => boolean,
): Promise<boolean> {
  for (let timeouts = 0; ;) {
    try {
      const entry = await kv.get(key);
      const value: T =
        entry && entry.operation === 'PUT' && entry.length > 0 ? entry.json() : empty();
      if (!edit(value)) return false;
      const data = new TextEncoder().encode(JSON.stringify(value));
      if (entry) await kv.update(key, data, entry.revision);
      else await kv.create(key, data);
      return true;
    } catch (error) {
      const timedOut = /TIMEOUT/.test(String(error)) && ++timeouts < MAX_TIMEOUTS;
      if (!timedOut && !/wrong last sequence|key exists/i.test(String(error))) throw error;
    }
  }
}

/**
 * A key-value key for what the parts name (case-insensitive): KV keys allow few characters,
 * and no account's username needs to be spelled out in a bucket.
 */
export function hashedKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n').toLowerCase()).digest('hex');
}
