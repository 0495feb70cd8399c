import type { ImapLogin } from '@btsx/contracts';
import { imapFlowOptions } from './connect-options';

const login = (overrides: Partial<ImapLogin>): ImapLogin => ({
  host: 'imap.example.com',
  port: 993,
  security: 'tls',
  verifyCertificate: true,
  username: 'alice',
  password: 'pw',
  ...overrides,
});
const options = { allowPrivateHosts: false };

describe('imapFlowOptions', () => {
  it('tls: implicit TLS, verified, SNI on the host name, to the checked address', () => {
    const o = imapFlowOptions(login({}), '203.0.113.5', options);
    expect(o).toMatchObject({ host: '203.0.113.5', servername: 'imap.example.com', secure: true });
    expect(o.tls?.rejectUnauthorized).toBe(true);
    expect(o.logger).toBe(false);
  });

  it('starttls requires the upgrade; none forbids it', () => {
    expect(imapFlowOptions(login({ security: 'starttls' }), 'a', options).doSTARTTLS).toBe(true);
    expect(imapFlowOptions(login({ security: 'none' }), 'a', options).doSTARTTLS).toBe(false);
  });

  it('turns verification off only on an explicit opt-out', () => {
    const o = imapFlowOptions(login({ verifyCertificate: false }), 'a', options);
    expect(o.tls?.rejectUnauthorized).toBe(false);
  });

  it('uses the access token for OAuth accounts', () => {
    const o = imapFlowOptions(login({ password: undefined, accessToken: 'tok' }), 'a', options);
    expect(o.auth).toEqual({ user: 'alice', accessToken: 'tok' });
  });
});
