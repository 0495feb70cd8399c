import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * Addresses a user must not point the service at (SSRF guard): whatever is not one public
 * host on the internet.
 */
const FORBIDDEN = new BlockList();
FORBIDDEN.addSubnet('0.0.0.0', 8, 'ipv4'); // "this network", includes the unspecified address
FORBIDDEN.addSubnet('127.0.0.0', 8, 'ipv4'); // loopback
FORBIDDEN.addSubnet('10.0.0.0', 8, 'ipv4'); // private (RFC 1918)
FORBIDDEN.addSubnet('172.16.0.0', 12, 'ipv4');
FORBIDDEN.addSubnet('192.168.0.0', 16, 'ipv4');
FORBIDDEN.addSubnet('100.64.0.0', 10, 'ipv4'); // carrier-grade NAT (RFC 6598)
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, cloud metadata
FORBIDDEN.addSubnet('198.18.0.0', 15, 'ipv4'); // benchmarking (RFC 2544), used inside networks
FORBIDDEN.addSubnet('224.0.0.0', 4, 'ipv4'); // multicast
FORBIDDEN.addSubnet('240.0.0.0', 4, 'ipv4'); // reserved, and the broadcast 255.255.255.255
FORBIDDEN.addSubnet('::', 96, 'ipv6'); // unspecified, loopback, IPv4-compatible (deprecated)
FORBIDDEN.addSubnet('64:ff9b::', 96, 'ipv6'); // NAT64 (RFC 6052): a gateway into our IPv4
FORBIDDEN.addSubnet('64:ff9b:1::', 48, 'ipv6'); // local-use NAT64 (RFC 8215)
FORBIDDEN.addSubnet('2001::', 32, 'ipv6'); // Teredo: a tunnel to an IPv4 address
FORBIDDEN.addSubnet('fc00::', 7, 'ipv6'); // unique local (RFC 4193)
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6'); // link-local
FORBIDDEN.addSubnet('fec0::', 10, 'ipv6'); // site-local (deprecated, still routed by some)
FORBIDDEN.addSubnet('ff00::', 8, 'ipv6'); // multicast

const IPV6_GROUPS = 8;
/** IPv4-mapped (::ffff:a.b.c.d) and 6to4 (2002:aabb:ccdd::/48) carry an IPv4 address. */
const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0xffff];
const SIX_TO_FOUR = 0x2002;

export function isForbiddenAddress(address: string): boolean {
  if (isIPv4(address)) return FORBIDDEN.check(address, 'ipv4');
  const unzoned = address.replace(/%.*$/, '');
  if (!isIPv6(unzoned)) return true;
  const embedded = embeddedIpv4(ipv6Groups(unzoned));
  if (embedded) return FORBIDDEN.check(embedded, 'ipv4');
  return FORBIDDEN.check(unzoned, 'ipv6');
}

/** The IPv4 address an IPv6 address stands for, in any of its spellings. */
function embeddedIpv4(groups: number[]): string | undefined {
  if (MAPPED_PREFIX.every((group, i) => groups[i] === group)) return ipv4Of(groups[6], groups[7]);
  if (groups[0] === SIX_TO_FOUR) return ipv4Of(groups[1], groups[2]);
  return undefined;
}

function ipv4Of(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit groups of a valid IPv6 address, `::` expanded. */
function ipv6Groups(address: string): number[] {
  const [head, tail] = withHexTail(address).split('::');
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((group) => parseInt(group, 16)) : [];
  const [first, last] = [parse(head), parse(tail)];
  const zeros = Array<number>(IPV6_GROUPS - first.length - last.length).fill(0);
  return [...first, ...zeros, ...last];
}

/** A dotted IPv4 tail as two hex groups: `::ffff:1.2.3.4` becomes `::ffff:102:304`. */
function withHexTail(address: string): string {
  const group = (high: string, low: string) => ((Number(high) << 8) | Number(low)).toString(16);
  return address.replace(
    /(\d+)\.(\d+)\.(\d+)\.(\d+)$/,
    (_, a: string, b: string, c: string, d: string) => `${group(a, b)}:${group(c, d)}`,
  );
}
