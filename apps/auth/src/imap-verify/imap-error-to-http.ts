import { ImapError, ImapErrorKind } from '@btsx/imap';
import { AppError } from '@btsx/platform';

export const AUTH_FAILED_MESSAGE = 'The server rejected the username or password.';

/**
 * HTTP status per ImapError kind, for a login check. The server's own trouble (cannot be
 * reached, bad certificate, too slow, hung up) is a 502 naming the cause; what the user
 * typed wrong is a 4xx. Kinds not listed (throttled, protocol, ...) are the server's side: 502.
 */
const STATUS_BY_KIND: Partial<Record<ImapErrorKind, number>> = {
  auth_failed: 401,
  forbidden_host: 400,
  unreachable: 502,
  tls: 502,
  timeout: 502,
  connection_lost: 502,
};
const SERVER_SIDE_STATUS = 502;

/** The answer the user sees for a failed login check; anything not an ImapError is rethrown as is. */
export function imapErrorToHttp(error: unknown, password: string): unknown {
  if (!(error instanceof ImapError)) return error;
  const status = STATUS_BY_KIND[error.kind] ?? SERVER_SIDE_STATUS;
  if (error.kind === 'auth_failed') return new AppError(status, AUTH_FAILED_MESSAGE);
  // libs/imap already scrubs secrets; this is the last line before a user sees it.
  return new AppError(status, redact(error.message, password));
}

function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join('[redacted]') : text;
}
