import { Request } from 'express';
import { clientAddress, isProxyList, trustedProxies } from './client-address';

function request(peer: string, forwardedFor?: string): Request {
  const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  return { socket: { remoteAddress: peer }, headers } as unknown as Request;
}

describe('clientAddress', () => {
  const loopback = trustedProxies('loopback');

  it('takes the address the gateway appended, not what the client claimed before it', () => {
    expect(clientAddress(request('127.0.0.1', '6.6.6.6, 203.0.113.9'), loopback)).toBe(
      '203.0.113.9',
    );
    expect(clientAddress(request('::ffff:127.0.0.1', '203.0.113.9'), loopback)).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For from anyone but a trusted proxy', () => {
    expect(clientAddress(request('198.51.100.7', '203.0.113.9'), loopback)).toBe('198.51.100.7');
  });

  it('falls back to the proxy itself when the header is missing or junk', () => {
    expect(clientAddress(request('127.0.0.1'), loopback)).toBe('127.0.0.1');
    expect(clientAddress(request('127.0.0.1', 'not-an-address'), loopback)).toBe('127.0.0.1');
  });

  it('trusts subnets and exact addresses', () => {
    const cluster = trustedProxies('10.0.0.0/8, 192.0.2.1');
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
