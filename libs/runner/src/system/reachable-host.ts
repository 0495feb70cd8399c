import { isIPv6 } from 'node:net';

/** Where every service but the gateway listens: only this machine reaches them. */
export const LOOPBACK = '127.0.0.1';
/** Addresses that bind every interface, loopback among them. */
const WILDCARDS = new Set(['0.0.0.0', '::']);

/** The host part of a URL that reaches, from this machine, a server bound to `host`. */
export function reachableHost(host: string = LOOPBACK): string {
  if (WILDCARDS.has(host)) return LOOPBACK;
  return isIPv6(host) ? `[${host}]` : host;
}
