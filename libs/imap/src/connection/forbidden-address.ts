import { BlockList, isIPv4 } from 'node:net';

/**
 * Addresses a user must not point the service at (SSRF guard): loopback, RFC 1918 private,
 * CGNAT (RFC 6598), link-local, unspecified, and IPv6 ULA (RFC 4193).
 */
const FORBIDDEN = new BlockList();
FORBIDDEN.addSubnet('0.0.0.0', 8, 'ipv4'); // "this network", includes the unspecified address
FORBIDDEN.addSubnet('127.0.0.0', 8, 'ipv4');
FORBIDDEN.addSubnet('10.0.0.0', 8, 'ipv4');
FORBIDDEN.addSubnet('172.16.0.0', 12, 'ipv4');
FORBIDDEN.addSubnet('192.168.0.0', 16, 'ipv4');
FORBIDDEN.addSubnet('100.64.0.0', 10, 'ipv4');
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4');
FORBIDDEN.addAddress('::', 'ipv6');
FORBIDDEN.addAddress('::1', 'ipv6');
FORBIDDEN.addSubnet('fc00::', 7, 'ipv6');
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6');

/** IPv4-mapped IPv6 (`::ffff:127.0.0.1`) would otherwise slip past the IPv4 rules. */
const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

export function isForbiddenAddress(address: string): boolean {
  const mapped = address.match(MAPPED_IPV4);
  if (mapped) return FORBIDDEN.check(mapped[1], 'ipv4');
  return FORBIDDEN.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
}
