import { ImapError, ImapErrorKind } from '@btsx/imap';
import { AppError } from '@btsx/platform';
import { AUTH_FAILED_MESSAGE, imapErrorToHttp } from './imap-error-to-http';

const PASSWORD = 's3cret-Pa55';

function mapped(kind: ImapErrorKind, message: string, permanent = true): AppError {
  const result = imapErrorToHttp(new ImapError(kind, message, permanent), PASSWORD);
  expect(result).toBeInstanceOf(AppError);
  return result as AppError;
}

describe('imapErrorToHttp', () => {
  it('answers a rejected login with 401 and a fixed message', () => {
    const error = mapped(
      'auth_failed',
      `The server rejected the login: [AUTHENTICATIONFAILED] for ${PASSWORD}`,
    );
    expect(error.status).toBe(401);
    expect(error.message).toBe(AUTH_FAILED_MESSAGE);
  });

  it.each<ImapErrorKind>(['unreachable', 'tls', 'timeout', 'connection_lost'])(
    'answers %s with 502 and the cause',
    (kind) => {
      const error = mapped(kind, 'connection refused by mail.example.com:993', false);
      expect(error.status).toBe(502);
      expect(error.message).toBe('connection refused by mail.example.com:993');
    },
  );

  it('answers a forbidden host with 400 and the reason', () => {
    const error = mapped('forbidden_host', '127.0.0.1 is a loopback address');
    expect(error.status).toBe(400);
    expect(error.message).toBe('127.0.0.1 is a loopback address');
  });

  it('treats other server-side kinds as 502', () => {
    expect(mapped('throttled', 'The server is throttling requests', false).status).toBe(502);
    expect(mapped('protocol', 'The server answered oddly').status).toBe(502);
  });

  it('never passes the password through in a message', () => {
    const error = mapped('protocol', `BAD LOGIN user ${PASSWORD}`);
    expect(error.message).not.toContain(PASSWORD);
    expect(error.message).toContain('[redacted]');
  });

  it('returns anything that is not an ImapError unchanged', () => {
    const other = new Error('database down');
    expect(imapErrorToHttp(other, PASSWORD)).toBe(other);
  });
});
