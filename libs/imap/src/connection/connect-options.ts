import { isIP } from 'node:net';
import type { ImapFlowOptions } from 'imapflow';
import type { ImapLogin } from '@btsx/contracts';

/**
 * How to reach a server, for both kinds of connection: an imapflow session (openImapSession)
 * and a pipelined APPEND writer's own socket (openPipelinedAppender).
 */
export interface ConnectOptions {
  /** Off in production: users may not point the service at loopback or private addresses. */
  allowPrivateHosts: boolean;
  connectTimeoutMs?: number;
  /**
   * A connection silent this long while a command waits is given up (a stalled peer), and
   * the caller retries on a new one. Default DEFAULT_COMMAND_TIMEOUT_MS.
   */
  commandTimeoutMs?: number;
}

/** imapflow waits 90 s by default; a login check in a web page cannot. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
/**
 * imapflow waits 5 min. This is silence, not a transfer's length (a 60 MB message streams
 * well within it); a silent server ends a login check, a plan or a copy attempt after it.
 */
export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;

/**
 * What one server response may make a service hold. imapflow's defaults (1 GiB line and
 * literal, 2 GiB response) let a hostile server grow a service by gigabytes; these stay far
 * above what a real mailbox sends and are shared by the pipelined writer's reader.
 *
 * A line: the longest we read is a LIST or SEARCH answer, and each LIST entry is a line of its
 * own; a UID SEARCH of a million messages is about 8 MB.
 */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;
/**
 * A literal: whole-message FETCHes are for messages under LARGE_MESSAGE_BYTES (4 MB by their
 * RFC822.SIZE), larger ones come in 2 MB partial FETCH pieces, headers are smaller still.
 * Four times 4 MB leaves room for a server whose announced size is off (LF counted for CRLF).
 */
export const MAX_LITERAL_BYTES = 16 * 1024 * 1024;
/** A whole response: one literal and its lines; above the literal cap, as imapflow requires. */
export const MAX_RESPONSE_BYTES = MAX_LITERAL_BYTES + MAX_LINE_BYTES;
/**
 * Parse tree nodes of one response, about 100 bytes of heap each (imapflow's default is a
 * million). A FETCH, LIST or STATUS answer has tens; SEARCH numbers are not counted.
 */
export const MAX_RESPONSE_TOKENS = 100_000;

/**
 * The login as imapflow's options, to `address` (the one that passed the private-host check).
 * The pipelined writer reads its TLS settings from the same mapping, so both kinds of
 * connection keep the same security rules.
 */
export function imapFlowOptions(
  login: ImapLogin,
  address: string,
  options: ConnectOptions,
): ImapFlowOptions {
  // LOGIN is one round trip; imapflow's AUTHENTICATE PLAIN without SASL-IR is two.
  const auth = login.accessToken
    ? { user: login.username, accessToken: login.accessToken }
    : { user: login.username, pass: login.password, loginMethod: 'LOGIN' };
  return {
    // Connect to the address that passed the private-host check; name the host for SNI and
    // certificate verification.
    host: address,
    servername: isIP(login.host) ? undefined : login.host,
    port: login.port,
    secure: login.security === 'tls',
    // 'starttls' must upgrade or fail (a stripped STARTTLS capability is a downgrade attack);
    // 'none' stays in cleartext; implicit TLS never runs STARTTLS.
    doSTARTTLS:
      login.security === 'starttls' ? true : login.security === 'none' ? false : undefined,
    tls: { rejectUnauthorized: login.verifyCertificate !== false },
    auth,
    logger: false,
    // The copier issues commands back to back; an automatic IDLE between them costs round trips.
    disableAutoIdle: true,
    // imapflow ENABLEs CONDSTORE (and UTF8=ACCEPT, IMAP4rev2 where offered) after login: a
    // round trip of every login, and a MODSEQ in every FETCH answer, for nothing BTSX reads.
    // Folder names travel in modified UTF-7 either way, as imapsync sends them.
    disableAutoEnable: true,
    connectionTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    greetingTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    socketTimeout: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    maxLineLength: MAX_LINE_BYTES,
    maxLiteralSize: MAX_LITERAL_BYTES,
    maxResponseSize: MAX_RESPONSE_BYTES,
    maxResponseTokens: MAX_RESPONSE_TOKENS,
  };
}
