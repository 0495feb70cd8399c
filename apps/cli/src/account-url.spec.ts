import { parseAccountUrl } from './account-url';
import { CliError } from './cli-error';
import { EXIT_USAGE } from './exit-code';

describe('parseAccountUrl', () => {
  it('reads imaps:// as implicit TLS on port 993', () => {
    expect(parseAccountUrl('imaps://alice@imap.example.com', '--from')).toEqual({
      host: 'imap.example.com',
      port: 993,
      security: 'tls',
      username: 'alice',
    });
  });

  it('reads imap:// as STARTTLS on port 143', () => {
    expect(parseAccountUrl('imap://bob@mail.example.org', '--to')).toMatchObject({
      port: 143,
      security: 'starttls',
    });
  });

  it('reads imap+plain:// as plaintext on port 143', () => {
    expect(parseAccountUrl('imap+plain://test@127.0.0.1', '--to')).toMatchObject({
      host: '127.0.0.1',
      port: 143,
      security: 'none',
    });
  });

  it('accepts the scheme in any case', () => {
    expect(parseAccountUrl('IMAPS://alice@h', '--from').security).toBe('tls');
  });

  it('keeps an explicit port', () => {
    expect(parseAccountUrl('imaps://alice@imap.example.com:1993', '--from').port).toBe(1993);
    expect(parseAccountUrl('imap://alice@imap.example.com:10143', '--from').port).toBe(10143);
  });

  it('decodes a percent-encoded user name', () => {
    const account = parseAccountUrl('imaps://alice%40example.com@imap.example.com', '--from');
    expect(account.username).toBe('alice@example.com');
  });

  it('takes the last @ as the separator when the user name has a bare @', () => {
    const account = parseAccountUrl('imaps://alice@example.com@imap.example.com', '--from');
    expect(account).toMatchObject({ username: 'alice@example.com', host: 'imap.example.com' });
  });

  it('strips the brackets of an IPv6 literal', () => {
    expect(parseAccountUrl('imap+plain://u@[::1]:1143', '--to')).toMatchObject({
      host: '::1',
      port: 1143,
    });
  });

  describe('rejects, naming the option and with exit status 2,', () => {
    const cases: [string, string, RegExp][] = [
      ['a string that is no URL', 'alice@imap.example.com', /--from: not a valid account URL/],
      ['another scheme', 'pop3://alice@pop.example.com', /unsupported scheme "pop3:"/],
      ['https', 'https://alice@example.com', /use imaps:\/\/, imap:\/\/ or imap\+plain:\/\//],
      ['a missing user name', 'imaps://imap.example.com', /the user name is missing/],
      ['a port out of range', 'imaps://alice@imap.example.com:70000', /not a valid account URL/],
      ['a path', 'imaps://alice@imap.example.com/INBOX', /a path, query or fragment/],
      ['a broken percent-encoding', 'imaps://alice%zz@imap.example.com', /percent-encoding/],
    ];
    it.each(cases)('%s', (_name, url, message) => {
      const attempt = () => parseAccountUrl(url, '--from');
      expect(attempt).toThrow(CliError);
      expect(attempt).toThrow(message);
      try {
        attempt();
      } catch (err) {
        expect((err as CliError).exitCode).toBe(EXIT_USAGE);
      }
    });
  });

  it('refuses a password in the URL without repeating it', () => {
    const attempt = () => parseAccountUrl('imaps://alice:s3cret@imap.example.com', '--from');
    expect(attempt).toThrow(/not in the URL/);
    try {
      attempt();
    } catch (err) {
      expect((err as Error).message).not.toContain('s3cret');
    }
  });

  it('does not repeat a malformed URL, which may hold a password', () => {
    expect(() => parseAccountUrl('imaps://alice:s3cret@host:99999', '--from')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    );
  });
});
