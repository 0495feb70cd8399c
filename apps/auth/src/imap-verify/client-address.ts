import type { Request } from 'express';
import { BlockList, isIP } from 'node:net';

/** `loopback` in TRUSTED_PROXIES: the gateway runs on the same host (npm start, tests). */
const LOOPBACK = 'loopback';

/**
 * The addresses allowed to say who the client is (X-Forwarded-For): the gateway's. Entries
 * are addresses, CIDR subnets (10.0.0.0/8) or `loopback`; anything else is a config error.
 */
export function trustedProxies(list: string): BlockList {
  const trusted = new BlockList();
  for (const entry of list
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    if (entry === LOOPBACK) {
      trusted.addSubnet('127.0.0.0', 8, 'ipv4');
      trusted.addAddress('::1', 'ipv6');
      continue;
    }
    const [address, bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) trusted.addAddress(address, family);
    else trusted.addSubnet(address, Number(bits), family);
  }
  return trusted;
}

export function isProxyList(list: string): boolean {
  return list
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .every((entry) => {
      if (entry === LOOPBACK) return true;
      const [address, bits, ...rest] = entry.split('/');
      const family = isIP(address);
      if (family === 0 || rest.length > 0) return false;
      return (
        bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32))
      );
    });
}

/**
 * Who sent the request. The gateway appends the address it saw to X-Forwarded-For, so
 * from a trusted proxy the last entry is the client's; earlier entries are whatever the
 * client claimed and count for nothing. From anyone else the header is ignored.
 */
export function clientAddress(request: Request, trusted: BlockList): string {
  const peer = unmapped(request.socket.remoteAddress ?? '');
  if (!isTrusted(peer, trusted)) return peer || 'unknown';
  const forwarded = request.headers['x-forwarded-for'];
  const header = Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '');
  const last = header
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .at(-1);
  return last && isIP(unmapped(last)) ? unmapped(last) : peer;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is 127.0.0.1. */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
