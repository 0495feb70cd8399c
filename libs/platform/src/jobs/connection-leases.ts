import { CONNECTION_LEASES_BUCKET } from '@btsx/contracts';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { KV, NatsConnection } from 'nats';
import { LazyBucket } from '../bus/jetstream-replicas';
import { editEntry, hashedKey } from '../bus/kv-entry-edit';

/**
 * A lease nobody renewed for this long belonged to a process that died: it is ignored. Every
 * process renews what it holds three times per TTL, so a killed copier's connections are
 * free again for its replacement within this. It outlives a NATS cluster electing the
 * bucket's new leader (about 5 s after a node died, then a client's reconnect and its
 * timed-out requests): at 15 s, a holder that could not renew through that was taken for
 * dead while it still held its connections, and an account got 10 of its 8.
 */
export const LEASE_TTL_MS = 30_000;
/**
 * Waiting for a free connection: poll soon (a lease given back a moment later, as when a
 * job's audit follows its copy, is taken at once), then less and less often; with jitter,
 * so waiters do not retry in lockstep.
 */
const FIRST_WAIT_MS = 25;
const LONGEST_WAIT_MS = 1_000;

/** What a lease counts connections to: one account, or one server (host and port) as a whole. */
export type LeaseScope = { host: string; username: string } | { host: string; port: number };

export interface ConnectionLease {
  key: string;
  id: string;
  connections: number;
}

interface LeaseTable {
  leases: Record<string, { connections: number; until: number }>;
}

/**
 * How many IMAP connections BTSX holds to one account, or to one host, counted across every
 * process in a JetStream key-value bucket (compare-and-set on the entry's revision), so
 * copier replicas together never exceed a server's per-account limit (Gmail: 15) or its
 * limit per client address (Courier: 20).
 */
export class ConnectionLeases {
  private bucket: LazyBucket | undefined;
  private readonly held = new Map<string, ConnectionLease>();
  private keeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly ttlMs = LEASE_TTL_MS,
  ) {}

  /** Waits until `connections` more fit under `cap` in this scope, then holds them. */
  async acquire(
    scope: LeaseScope,
    connections: number,
    cap: number,
    signal?: AbortSignal,
  ): Promise<ConnectionLease> {
    const lease = {
      key: keyOf(scope),
      id: randomUUID(),
      connections: Math.min(connections, cap),
    };
    for (let wait = FIRST_WAIT_MS; ; wait = Math.min(2 * wait, LONGEST_WAIT_MS)) {
      signal?.throwIfAborted();
      const taken = await this.change(lease.key, (table) => {
        if (used(table) + lease.connections > cap) return false;
        table.leases[lease.id] = {
          connections: lease.connections,
          until: Date.now() + this.ttlMs,
        };
        return true;
      });
      if (taken) return this.hold(lease);
      await sleep(wait * (0.5 + Math.random()), undefined, { signal });
    }
  }

  async release(lease: ConnectionLease): Promise<void> {
    this.held.delete(lease.id);
    if (this.held.size === 0) {
      clearInterval(this.keeper);
      this.keeper = undefined;
    }
    await this.change(lease.key, (table) => {
      delete table.leases[lease.id];
      return true;
    });
  }

  private hold(lease: ConnectionLease): ConnectionLease {
    this.held.set(lease.id, lease);
    if (!this.keeper) {
      this.keeper = setInterval(() => void this.renewHeld().catch(() => undefined), this.ttlMs / 3);
      this.keeper.unref();
    }
    return lease;
  }

  /** One write per account renews every lease this process holds there. */
  private async renewHeld(): Promise<void> {
    const keys = new Set([...this.held.values()].map((lease) => lease.key));
    await Promise.all(
      [...keys].map((key) =>
        this.change(key, (table) => {
          for (const [id, entry] of Object.entries(table.leases)) {
            if (this.held.has(id)) entry.until = Date.now() + this.ttlMs;
          }
          return true;
        }),
      ),
    );
  }

  /** Edits the account's table, its lapsed leases dropped (editEntry: applied once). */
  private async change(key: string, edit: (table: LeaseTable) => boolean): Promise<boolean> {
    return editEntry(
      await this.kv(),
      key,
      () => ({ leases: {} }),
      (table: LeaseTable) => {
        dropExpired(table);
        return edit(table);
      },
    );
  }

  private kv(): Promise<KV> {
    const { name, maxAgeSeconds } = CONNECTION_LEASES_BUCKET;
    this.bucket ??= new LazyBucket(this.nc, name, maxAgeSeconds * 1000);
    return this.bucket.open();
  }
}

/** A server's key can be no account's: no host name is `*`. */
function keyOf(scope: LeaseScope): string {
  return 'username' in scope
    ? hashedKey(scope.host, scope.username)
    : hashedKey('*', `${scope.host}:${scope.port}`);
}

function used(table: LeaseTable): number {
  return Object.values(table.leases).reduce((n, lease) => n + lease.connections, 0);
}

function dropExpired(table: LeaseTable): void {
  const now = Date.now();
  for (const [id, lease] of Object.entries(table.leases)) {
    if (lease.until < now) delete table.leases[id];
  }
}
