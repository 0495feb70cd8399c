import { ImapError } from './imap-error';
import { toImapError } from './to-imap-error';

const failure = (fields: Record<string, unknown>) =>
  Object.assign(new Error('Command failed'), fields);

describe('toImapError', () => {
  it.each([
    ['authenticationFailed', { authenticationFailed: true }, 'auth_failed', true],
    [
      'AUTHENTICATIONFAILED code',
      { responseStatus: 'NO', serverResponseCode: 'AUTHENTICATIONFAILED' },
      'auth_failed',
      true,
    ],
    ['ECONNREFUSED', { code: 'ECONNREFUSED' }, 'unreachable', false],
    ['EHOSTUNREACH', { code: 'EHOSTUNREACH' }, 'unreachable', false],
    ['ENOTFOUND (typo in the host)', { code: 'ENOTFOUND' }, 'unreachable', true],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'tls', true],
    ['CERT_HAS_EXPIRED', { code: 'CERT_HAS_EXPIRED' }, 'tls', true],
    ['ERR_TLS_CERT_ALTNAME_INVALID', { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'tls', true],
    ['STARTTLS refused', { tlsFailed: true }, 'tls', true],
    ['ETIMEDOUT', { code: 'ETIMEDOUT' }, 'timeout', false],
    ['CONNECT_TIMEOUT', { code: 'CONNECT_TIMEOUT' }, 'timeout', false],
    ['NoConnection', { code: 'NoConnection' }, 'connection_lost', false],
    ['ECONNRESET', { code: 'ECONNRESET' }, 'connection_lost', false],
    ['OVERQUOTA', { responseStatus: 'NO', serverResponseCode: 'OVERQUOTA' }, 'over_quota', true],
    ['TOOBIG', { responseStatus: 'NO', serverResponseCode: 'TOOBIG' }, 'too_big', true],
    ['APPENDLIMIT pre-check', { serverResponseCode: 'APPENDLIMIT' }, 'too_big', true],
    ['LIMIT', { responseStatus: 'NO', serverResponseCode: 'LIMIT' }, 'rejected', true],
    [
      'a login refused for too many connections (Dovecot)',
      {
        authenticationFailed: true,
        responseText:
          'Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)',
      },
      'throttled',
      false,
    ],
    [
      'Gmail: too many simultaneous connections',
      {
        responseStatus: 'NO',
        responseText: '[ALERT] Too many simultaneous connections. (Failure)',
      },
      'throttled',
      false,
    ],
    [
      'NONEXISTENT',
      { responseStatus: 'NO', serverResponseCode: 'NONEXISTENT' },
      'no_such_folder',
      true,
    ],
    [
      'TRYCREATE',
      { responseStatus: 'NO', serverResponseCode: 'TRYCREATE' },
      'no_such_folder',
      true,
    ],
    ['STATUS NotFound', { code: 'NotFound' }, 'no_such_folder', true],
    ['plain NO', { responseStatus: 'NO', responseText: 'Invalid message' }, 'rejected', true],
    ['BAD', { responseStatus: 'BAD', responseText: 'Error in IMAP command' }, 'protocol', true],
    ['parser error', { code: 'ParserError3' }, 'protocol', false],
  ])('%s -> %s', (_name, fields, kind, permanent) => {
    const error = toImapError(failure(fields));
    expect(error).toBeInstanceOf(ImapError);
    expect(error.kind).toBe(kind);
    expect(error.permanent).toBe(permanent);
  });

  it('reads the response code from an unenhanced parsed response', () => {
    const response = { attributes: [{ section: [{ type: 'ATOM', value: 'OVERQUOTA' }] }] };
    expect(toImapError(failure({ responseStatus: 'NO', response })).kind).toBe('over_quota');
  });

  it('turns a Microsoft 365 throttling reply into throttled with its backoff', () => {
    const text = 'Request is throttled. Suggested Backoff Time: 92415 milliseconds';
    const error = toImapError(failure({ responseStatus: 'BAD', responseText: text }));
    expect(error).toMatchObject({ kind: 'throttled', permanent: false, retryAfterMs: 92415 });
  });

  it("prefers imapflow's throttleReset for ETHROTTLE", () => {
    const error = toImapError(failure({ code: 'ETHROTTLE', throttleReset: 5000 }));
    expect(error).toMatchObject({ kind: 'throttled', retryAfterMs: 5000 });
  });

  it('names the cause and quotes the server, never the secret', () => {
    const text = 'AUTHENTICATE failed for hunter2-password';
    const error = toImapError(failure({ authenticationFailed: true, responseText: text }), [
      'hunter2-password',
      undefined,
    ]);
    expect(error.message).toContain('rejected the login');
    expect(error.message).not.toContain('hunter2');
  });

  it('never quotes the executed command, which can hold a LOGIN password', () => {
    const error = toImapError(
      failure({ responseStatus: 'NO', executedCommand: 'A1 LOGIN u secret' }),
    );
    expect(error.message).not.toContain('secret');
  });

  it('fails for good on a response over the limits, saying which', () => {
    const message = 'Line length 8388609 exceeds maximum allowed size of 8388608 bytes';
    const error = toImapError(failure({ code: 'LineTooLarge', message }));
    expect(error).toMatchObject({ kind: 'protocol', permanent: true });
    expect(error.message).toBe(
      `The server sent a response larger than any mailbox needs: ${message}`,
    );
  });

  it('passes an ImapError through and wraps non-errors', () => {
    const original = new ImapError('tls', 'x', true);
    expect(toImapError(original)).toBe(original);
    expect(toImapError('boom').kind).toBe('protocol');
  });
});
