import { resolveAllowedHost } from './resolve-allowed-host';

describe('resolveAllowedHost', () => {
  it('refuses a name for a local address, naming the host but not the address', async () => {
    const attempt = resolveAllowedHost('localhost', false);
    await expect(attempt).rejects.toMatchObject({ kind: 'forbidden_host', permanent: true });
    const message = ((await attempt.catch((e: unknown) => e)) as Error).message;
    expect(message).toContain('localhost');
    expect(message).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it('answers the checked address when private hosts are allowed', async () => {
    expect(await resolveAllowedHost('127.0.0.1', true)).toBe('127.0.0.1');
  });
});
