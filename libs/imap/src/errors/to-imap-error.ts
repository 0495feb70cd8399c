import type { ImapLogin } from '@btsx/contracts';
import { ImapError, ImapErrorKind } from './imap-error';

/** The fields imapflow (and Node's net/tls/dns layers) put on the errors they raise. */
interface RawImapFailure {
  message?: string;
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  mailboxMissing?: boolean;
  responseStatus?: string;
  responseText?: string;
  response?: unknown;
  serverResponseCode?: string;
  throttleReset?: number;
}

/** Node's codes for a peer that cannot be reached at all. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** A name that does not resolve is a typo, not a passing outage. */
const PERMANENT_UNREACHABLE_CODES = new Set(['ENOTFOUND']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'ETIMEOUT',
]);
/** Certificate and handshake failures from node:tls (see `tls.checkServerIdentity`, OpenSSL verify codes). */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);
const CONNECTION_LOST_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'NoConnection',
  'EConnectionClosed',
  'StateLogout',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
]);
/**
 * imapflow's response limits (connect-options.ts): the server sent more than a real mailbox
 * ever does. The same server will do it again, so it is not retried.
 */
const OVERSIZED_RESPONSE_CODES = new Set([
  'LineTooLarge',
  'LiteralTooLarge',
  'ResponseTooLarge',
  'TooManyTokens',
]);
/** RFC 5530 response codes, and imapflow's APPENDLIMIT pre-check (RFC 7889). */
const RESPONSE_CODE_KINDS: Record<string, ImapErrorKind> = {
  AUTHENTICATIONFAILED: 'auth_failed',
  AUTHORIZATIONFAILED: 'auth_failed',
  OVERQUOTA: 'over_quota',
  TOOBIG: 'too_big',
  APPENDLIMIT: 'too_big',
  // "A hard limit on the server" (RFC 5530): Dovecot answers an over-size APPEND with it.
  LIMIT: 'rejected',
  // "Temporary failure because a subsystem is down" (RFC 5530): try again later.
  UNAVAILABLE: 'throttled',
  NONEXISTENT: 'no_such_folder',
  TRYCREATE: 'no_such_folder',
};
/** Microsoft 365: "BAD Request is throttled. Suggested Backoff Time: 92415 milliseconds". */
const THROTTLE_TEXT = /throttled/i;
/**
 * A login refused because the account has too many connections open (Dovecot's
 * mail_max_userip_connections, Gmail's "Too many simultaneous connections"): not a wrong
 * password, and it passes once other connections close.
 */
const CONNECTION_LIMIT_TEXT =
  /(maximum number of connections|too many (simultaneous )?connections)/i;
const BACKOFF_TEXT = /Backoff Time[:=\s]+(\d+)/i;

const TRANSIENT_KINDS = new Set<ImapErrorKind>([
  'unreachable',
  'timeout',
  'connection_lost',
  'throttled',
]);

const CAUSES: Record<ImapErrorKind, string> = {
  auth_failed: 'The server rejected the login',
  unreachable: 'The server could not be reached',
  tls: 'The secure connection to the server failed',
  timeout: 'The server did not answer in time',
  forbidden_host: 'The server address is not allowed',
  connection_lost: 'The connection to the server was lost',
  throttled: 'The server is throttling requests',
  over_quota: 'The destination mailbox is over its quota',
  too_big: 'The message is too big for the destination server',
  rejected: 'The server rejected the request',
  no_such_folder: 'The folder does not exist',
  protocol: 'The server answered in a way this client does not understand',
};
const OVERSIZED_CAUSE = 'The server sent a response larger than any mailbox needs';

/** Plain words for the system error codes a user is most likely to meet. */
const CODE_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain is self-signed',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate does not match the host name',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate is not trusted',
};

/**
 * Translates whatever imapflow, node:net, node:tls or node:dns threw into an ImapError.
 * `secrets` (the password, the token) are scrubbed from any server text quoted in the message.
 */
export function toImapError(
  err: unknown,
  secrets: readonly (string | undefined)[] = [],
): ImapError {
  if (err instanceof ImapError) return err;
  const raw: RawImapFailure =
    typeof err === 'object' && err !== null ? err : { message: String(err) };
  const responseCode = readResponseCode(raw);
  const serverText =
    raw.responseText ?? (typeof raw.response === 'string' ? raw.response : undefined);
  if (OVERSIZED_RESPONSE_CODES.has(raw.code ?? '')) {
    return new ImapError('protocol', `${OVERSIZED_CAUSE}: ${raw.message ?? raw.code}`, true);
  }
  const kind = classify(raw, responseCode, serverText);
  const codeWords = raw.code ? CODE_WORDS[raw.code] : undefined;
  const detail = redact(serverText ?? codeWords ?? raw.code ?? raw.message ?? '', secrets);
  const message = detail ? `${CAUSES[kind]}: ${detail}` : CAUSES[kind];
  const retryAfterMs = kind === 'throttled' ? readBackoff(raw, serverText) : undefined;
  return new ImapError(kind, message, isPermanent(kind, raw), retryAfterMs);
}

function classify(
  raw: RawImapFailure,
  responseCode: string | undefined,
  text: string | undefined,
): ImapErrorKind {
  const code = raw.code ?? '';
  if (text && CONNECTION_LIMIT_TEXT.test(text)) return 'throttled';
  if (raw.authenticationFailed) return 'auth_failed';
  if (responseCode && RESPONSE_CODE_KINDS[responseCode]) return RESPONSE_CODE_KINDS[responseCode];
  if (code === 'ETHROTTLE' || (text && THROTTLE_TEXT.test(text))) return 'throttled';
  if (
    raw.tlsFailed ||
    TLS_CODES.has(code) ||
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL')
  )
    return 'tls';
  if (UNREACHABLE_CODES.has(code)) return 'unreachable';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (CONNECTION_LOST_CODES.has(code)) return 'connection_lost';
  if (raw.mailboxMissing || code === 'NotFound') return 'no_such_folder';
  if (raw.responseStatus === 'NO') return 'rejected';
  return 'protocol';
}

function isPermanent(kind: ImapErrorKind, raw: RawImapFailure): boolean {
  if (kind === 'unreachable') return PERMANENT_UNREACHABLE_CODES.has(raw.code ?? '');
  // A parser hiccup or an unknown failure may pass on a new connection; a BAD will not.
  if (kind === 'protocol') return raw.responseStatus === 'BAD';
  return !TRANSIENT_KINDS.has(kind);
}

/** A failure to reach or use `login`'s server, naming that server, without the secret in it. */
export function loginFailure(err: unknown, login: ImapLogin): ImapError {
  const error = toImapError(err, [login.password, login.accessToken]);
  error.message = `${error.message} (${login.host}:${login.port})`;
  return error;
}

/** imapflow sets serverResponseCode only on some paths; otherwise read `[CODE]` from the reply. */
function readResponseCode(raw: RawImapFailure): string | undefined {
  if (raw.serverResponseCode) return raw.serverResponseCode.toUpperCase();
  const section = (
    raw.response as { attributes?: { section?: { value?: unknown }[] }[] } | undefined
  )?.attributes?.[0]?.section;
  const value = section?.[0]?.value;
  return typeof value === 'string' ? value.toUpperCase() : undefined;
}

function readBackoff(raw: RawImapFailure, text: string | undefined): number | undefined {
  if (typeof raw.throttleReset === 'number') return raw.throttleReset;
  const match = text?.match(BACKOFF_TEXT);
  return match ? Number(match[1]) : undefined;
}

function redact(text: string, secrets: readonly (string | undefined)[]): string {
  return secrets.reduce<string>((out, s) => (s ? out.split(s).join('[redacted]') : out), text);
}
