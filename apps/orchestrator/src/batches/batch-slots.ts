/** The mail hosts one job of a batch talks to. */
export interface HostPair {
  sourceHost: string;
  destinationHost: string;
}

export interface Candidate extends HostPair {
  line: number;
}

export interface BatchLimits {
  concurrency: number;
  perHostLimit: number;
}

/** DNS names are case-insensitive and may end in the root's dot. */
function hostKey(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/** A job talking to one host as source and destination counts once for it. */
function hostsOf(pair: HostPair): string[] {
  return [...new Set([hostKey(pair.sourceHost), hostKey(pair.destinationHost)])];
}

/**
 * Which waiting items may start now, in CSV order: the batch stays within its concurrency,
 * and no host has more than perHostLimit of the batch's jobs. An item whose host is full
 * waits while later items for other hosts go ahead.
 */
export function pickStartable(
  active: HostPair[],
  waiting: Candidate[],
  limits: BatchLimits,
): number[] {
  const perHost = new Map<string, number>();
  for (const pair of active) {
    for (const host of hostsOf(pair)) perHost.set(host, (perHost.get(host) ?? 0) + 1);
  }
  let running = active.length;
  const picked: number[] = [];
  for (const item of waiting) {
    if (running >= limits.concurrency) break;
    const hosts = hostsOf(item);
    if (hosts.some((h) => (perHost.get(h) ?? 0) >= limits.perHostLimit)) continue;
    for (const host of hosts) perHost.set(host, (perHost.get(host) ?? 0) + 1);
    running += 1;
    picked.push(item.line);
  }
  return picked;
}

/**
 * The batch's limits inside its tenant's share: what the tenant's other batches use is not
 * this batch's to take. `tenantRoom` is the tenant's cap less the jobs of all its batches.
 */
export function withinTenantShare(
  limits: BatchLimits,
  activeInBatch: number,
  tenantRoom: number,
): BatchLimits {
  const concurrency = Math.min(limits.concurrency, activeInBatch + Math.max(0, tenantRoom));
  return { concurrency, perHostLimit: limits.perHostLimit };
}

/**
 * One of each group in turn, starting with group `offset` (modulo their number): a tenant
 * with ten mailboxes to start waits for one of another's per turn, never for all of them.
 */
export function roundRobin<T>(groups: T[][], offset = 0): T[] {
  const live = groups.filter((g) => g.length > 0);
  if (live.length === 0) return [];
  const first = offset % live.length;
  const ordered = [...live.slice(first), ...live.slice(0, first)];
  const longest = Math.max(...ordered.map((g) => g.length));
  const out: T[] = [];
  for (let turn = 0; turn < longest; turn++) {
    for (const group of ordered) if (turn < group.length) out.push(group[turn]);
  }
  return out;
}
