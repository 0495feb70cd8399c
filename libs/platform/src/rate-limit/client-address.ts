import { applyDecorators } from '@nestjs/common';
import { Expose } from 'class-transformer';
import { IsInt, Max, Min, ValidateBy } from 'class-validator';
import type { Request } from 'express';
import { BlockList, isIP, SocketAddress } from 'node:net';
import { EnvInt } from '../config/env-transforms';

/** `loopback` in TRUSTED_PROXIES: the gateway runs on the same host (npm start, tests). */
const LOOPBACK = 'loopback';
/** More proxies than this in front of the gateway is a typo, not a network. */
const MAX_PROXY_HOPS = 10;

/** Where requests come from: the gateway, and how many proxies stand in front of it. */
export interface ClientNetwork {
  /** The addresses allowed to say who the client is (X-Forwarded-For): the gateway's. */
  gateways: BlockList;
  /** Proxies between the internet and the gateway (an ingress, a load balancer). */
  hops: number;
}

export function clientNetwork(config: {
  TRUSTED_PROXIES: string;
  TRUSTED_PROXY_HOPS: number;
}): ClientNetwork {
  return { gateways: trustedProxies(config.TRUSTED_PROXIES), hops: config.TRUSTED_PROXY_HOPS };
}

/**
 * Who sent the request. From anyone but a trusted gateway, the socket's peer: the header is
 * ignored. The gateway appends the address it saw to X-Forwarded-For, and each proxy in front
 * of it appended the one it saw, so the client is `hops` entries left of the last one; what
 * stands further left is whatever the client claimed and counts for nothing. A chain shorter
 * than that (a request that did not pass every proxy) yields its first entry.
 */
export function clientAddress(request: Request, network: ClientNetwork): string {
  const peer = canonicalAddress(request.socket.remoteAddress ?? '');
  if (!isTrusted(peer, network.gateways)) return peer || 'unknown';
  const chain = forwardedFor(request);
  const client = canonicalAddress(chain.at(-1 - network.hops) ?? chain[0] ?? '');
  return isIP(client) ? client : peer;
}

function forwardedFor(request: Request): string[] {
  const header = request.headers['x-forwarded-for'];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * What a client's budgets count: its address, or for IPv6 the /64 around it, since one
 * subscriber commonly holds a whole /64 and could otherwise take a new address per attempt.
 */
export function clientBudgetAddress(address: string): string {
  return isIP(address) === 6 ? `${ipv6Prefix64(address)}::/64` : address;
}

/** The first four groups of an IPv6 address, whatever its spelling (`::`, a dotted tail). */
function ipv6Prefix64(address: string): string {
  const [head, tail = ''] = address.split('::');
  const groups = (text: string) => (text ? text.split(':') : []);
  const width = (parts: string[]) => parts.reduce((n, p) => n + (p.includes('.') ? 2 : 1), 0);
  const [left, right] = [groups(head), groups(tail)];
  const zeros = Array<string>(8 - width(left) - width(right)).fill('0');
  return [...left, ...zeros, ...right]
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':');
}

/**
 * One spelling per address: `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is
 * 127.0.0.1, and IPv6 in its shortest lower-case form. Anything else comes back unchanged.
 */
export function canonicalAddress(address: string): string {
  const family = isIP(address);
  if (family === 0) return address;
  const canonical = new SocketAddress({ address, family: family === 6 ? 'ipv6' : 'ipv4' }).address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(canonical);
  return mapped ? mapped[1] : canonical;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** Entries are addresses, CIDR subnets (10.0.0.0/8) or `loopback`. */
export function trustedProxies(list: string): BlockList {
  const trusted = new BlockList();
  for (const entry of entries(list)) {
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
  return entries(list).every((entry) => {
    if (entry === LOOPBACK) return true;
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
  });
}

function entries(list: string): string[] {
  return list
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
}

/** TRUSTED_PROXIES, for a service behind the gateway: who may name the client. */
export function TrustedProxiesSetting(): PropertyDecorator {
  return applyDecorators(
    Expose(),
    ValidateBy({
      name: 'isProxyList',
      validator: {
        validate: (value) => typeof value === 'string' && isProxyList(value),
        defaultMessage: () =>
          'TRUSTED_PROXIES must list addresses, CIDR subnets or loopback, comma-separated',
      },
    }),
  ) as PropertyDecorator;
}

/** TRUSTED_PROXY_HOPS: proxies in front of the gateway (default 0: the gateway faces the internet). */
export function TrustedProxyHopsSetting(): PropertyDecorator {
  return applyDecorators(
    Expose(),
    EnvInt(0),
    IsInt({ message: 'TRUSTED_PROXY_HOPS must be a whole number' }),
    Min(0, { message: 'TRUSTED_PROXY_HOPS must be at least 0' }),
    Max(MAX_PROXY_HOPS, { message: `TRUSTED_PROXY_HOPS must be at most ${MAX_PROXY_HOPS}` }),
  ) as PropertyDecorator;
}
