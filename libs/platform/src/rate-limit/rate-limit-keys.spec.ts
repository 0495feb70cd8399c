import { accountKey, rateLimitKey, resolvedServer } from './rate-limit-keys';

describe('rate limit keys', () => {
  it('gives every spelling of one server one key', async () => {
    const aliases = ['localhost', '127.1', '0x7f000001', '::ffff:127.0.0.1', ' LOCALHOST ', '::1'];
    const servers = await Promise.all(aliases.map((host) => resolvedServer(host, 993)));
    expect(new Set(servers)).toEqual(new Set(['127.0.0.1 993']));
  });

  it('tells ports and user names apart, but not their case or spaces', async () => {
    const key = (host: string, port: number, username: string) =>
      accountKey({ host, port, username });
    const alice = await key('127.1', 993, 'alice@example.com');
    expect(await key('localhost', 993, '  Alice@Example.COM ')).toBe(alice);
    expect(await key('localhost', 143, 'alice@example.com')).not.toBe(alice);
    expect(await key('localhost', 993, 'bob@example.com')).not.toBe(alice);
  });

  it('keys a long body on a fixed-size hash, and no key at all for an oversized field', async () => {
    const long = 'x'.repeat(64 * 1024);
    expect(rateLimitKey(long, long)).toMatch(/^[0-9a-f]{64}$/);
    expect(await accountKey({ host: long, port: 993, username: 'alice' })).toBeNull();
    expect(await accountKey({ host: 'localhost', port: 993, username: long })).toBeNull();
    expect(await accountKey({ host: 'localhost', port: 993, username: 42 })).toBeNull();
  });

  it('keys a name that does not resolve on the name itself', async () => {
    expect(await resolvedServer('No-Such-Host.invalid', 993)).toBe('no-such-host.invalid 993');
  });
});
