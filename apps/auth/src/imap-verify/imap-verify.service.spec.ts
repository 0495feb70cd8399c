import { VerifyImapRequest } from '@btsx/contracts';
import { toLogin } from './imap-verify.service';

const REQUEST: VerifyImapRequest = {
  side: 'source',
  host: ' mail.example.com ',
  security: 'tls',
  username: 'alice@example.com',
  password: 'secret',
};

describe('toLogin', () => {
  it.each([
    ['tls', 993],
    ['starttls', 143],
    ['none', 143],
  ] as const)('defaults the port for %s to %d', (security, port) => {
    expect(toLogin({ ...REQUEST, security }).port).toBe(port);
  });

  it('keeps an explicit port and trims the host', () => {
    expect(toLogin({ ...REQUEST, port: 1993 })).toMatchObject({
      host: 'mail.example.com',
      port: 1993,
    });
  });

  it('verifies certificates unless the user opted out', () => {
    expect(toLogin(REQUEST).verifyCertificate).toBe(true);
    expect(toLogin({ ...REQUEST, tlsInsecure: false }).verifyCertificate).toBe(true);
    expect(toLogin({ ...REQUEST, tlsInsecure: true }).verifyCertificate).toBe(false);
  });
});
