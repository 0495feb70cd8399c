import { createHash } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { canonicalAddress } from './client-address';

/** The longest host name DNS allows (RFC 1035) and the longest user name the API accepts. */
export const MAX_HOST_LENGTH = 253;
export const MAX_USERNAME_LENGTH = 320;

/**
 * Addresses that all reach this machine: a server listening on every interface answers on
 * each, so `localhost`, `127.0.0.2`, `::1` and `0.0.0.0` are one account's server.
 */
const THIS_MACHINE = new BlockList();
THIS_MACHINE.addSubnet('127.0.0.0', 8, 'ipv4');
THIS_MACHINE.addAddress('0.0.0.0', 'ipv4');
THIS_MACHINE.addAddress('::1', 'ipv6');
THIS_MACHINE.addAddress('::', 'ipv6');
const THIS_MACHINE_KEY = '127.0.0.1';
/**
 * A request waits this long at most for its host's lookup; a slower name (a resolver an
 * attacker controls can stall) stands for itself, as one that does not resolve.
 */
const LOOKUP_DEADLINE_MS = 3_000;

/** A fixed-size key of any parts: what a limiter stores instead of what the client sent. */
export function rateLimitKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/** Trimmed and case-folded, as mail servers compare user names; null when no user name. */
export function normalisedUsername(username: unknown): string | null {
  if (typeof username !== 'string' || username.length > MAX_USERNAME_LENGTH) return null;
  return username.trim().toLowerCase() || null;
}

/**
 * The server a host name reaches, as the connection will (the first address of the lookup,
 * as resolveAllowedHost in libs/imap connects to it), with its port: `localhost`, `127.1`,
 * `0x7f000001` and `::ffff:127.0.0.1` are one server. Null when `host` is no host name; a
 * name that does not resolve stands for itself (no server is asked about it).
 */
export async function resolvedServer(host: unknown, port: number): Promise<string | null> {
  if (typeof host !== 'string' || host.length > MAX_HOST_LENGTH) return null;
  const name = host.trim().toLowerCase();
  if (!name) return null;
  try {
    const [first] = await withDeadline(lookup(name, { all: true, verbatim: true }));
    return `${serverAddress(first.address)} ${port}`;
  } catch {
    return `${name} ${port}`;
  }
}

function serverAddress(address: string): string {
  const canonical = canonicalAddress(address);
  const family = isIP(canonical) === 6 ? 'ipv6' : 'ipv4';
  return THIS_MACHINE.check(canonical, family) ? THIS_MACHINE_KEY : canonical;
}

/** One mailbox: its server (resolved, with port) and normalised user name; null when either is missing. */
export async function accountKey(account: {
  host: unknown;
  port: number;
  username: unknown;
}): Promise<string | null> {
  const username = normalisedUsername(account.username);
  const server = username === null ? null : await resolvedServer(account.host, account.port);
  return server === null || username === null ? null : rateLimitKey(server, username);
}

function withDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('lookup too slow')), LOOKUP_DEADLINE_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
