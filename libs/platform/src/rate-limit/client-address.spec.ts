import { Request } from 'express';
import {
  canonicalAddress,
  clientAddress,
  clientBudgetAddress,
  ClientNetwork,
  isProxyList,
  trustedProxies,
} from './client-address';

function request(peer: string, forwardedFor?: string): Request {
  const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  return { socket: { remoteAddress: peer }, headers } as unknown as Request;
}

describe('clientAddress', () => {
  const viaGateway: ClientNetwork = { gateways: trustedProxies('loopback'), hops: 0 };

  it('with no proxy in front of the gateway, takes the address the gateway appended', () => {
    expect(clientAddress(request('127.0.0.1', '6.6.6.6, 203.0.113.9'), viaGateway)).toBe(
      '203.0.113.9',
    );
    expect(clientAddress(request('::ffff:127.0.0.1', '203.0.113.9'), viaGateway)).toBe(
      '203.0.113.9',
    );
  });

  it('behind an ingress, takes the address the ingress saw, not what the client claimed', () => {
    const behindIngress = { ...viaGateway, hops: 1 };
    // The client forged 6.6.6.6, the ingress appended 203.0.113.9, the gateway the ingress's.
    const forwarded = '6.6.6.6, 203.0.113.9, 10.0.0.5';
    expect(clientAddress(request('127.0.0.1', forwarded), behindIngress)).toBe('203.0.113.9');
    expect(clientAddress(request('127.0.0.1', '203.0.113.9'), behindIngress)).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For from anyone but a trusted gateway', () => {
    expect(clientAddress(request('198.51.100.7', '203.0.113.9'), viaGateway)).toBe('198.51.100.7');
  });

  it('falls back to the gateway itself when the header is missing or junk', () => {
    expect(clientAddress(request('127.0.0.1'), viaGateway)).toBe('127.0.0.1');
    expect(clientAddress(request('127.0.0.1', 'not-an-address'), viaGateway)).toBe('127.0.0.1');
  });

  it('trusts subnets and exact addresses', () => {
    const cluster = { gateways: trustedProxies('10.0.0.0/8, 192.0.2.1'), hops: 0 };
    expect(clientAddress(request('10.4.2.1', '203.0.113.9'), cluster)).toBe('203.0.113.9');
    expect(clientAddress(request('192.0.2.1', '203.0.113.9'), cluster)).toBe('203.0.113.9');
    expect(clientAddress(request('192.0.2.2', '203.0.113.9'), cluster)).toBe('192.0.2.2');
  });

  it('accepts only well-formed proxy lists', () => {
    expect(isProxyList('loopback, 10.0.0.0/8, fd00::/8, 192.0.2.1')).toBe(true);
    expect(isProxyList('10.0.0.0/33')).toBe(false);
    expect(isProxyList('gateway.local')).toBe(false);
  });
});

describe('canonicalAddress', () => {
  it('spells each address one way', () => {
    expect(canonicalAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(canonicalAddress('2001:DB8:0:0::1')).toBe('2001:db8::1');
    expect(canonicalAddress('not-an-address')).toBe('not-an-address');
  });
});

describe('clientBudgetAddress', () => {
  it('counts an IPv6 client by its /64, however the address is spelled', () => {
    const budgets = [
      '2001:db8:1:2::1',
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0db8:0001:0002:0:0:0:9',
      '2001:db8:1:2::1.2.3.4',
    ].map(clientBudgetAddress);
    expect(new Set(budgets)).toEqual(new Set(['2001:db8:1:2::/64']));
    expect(clientBudgetAddress('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientBudgetAddress('::1')).toBe('0:0:0:0::/64');
  });

  it('counts an IPv4 client by its address', () => {
    expect(clientBudgetAddress('203.0.113.7')).toBe('203.0.113.7');
  });
});
