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
/** imapflow waits 5 min; a stalled server should cost a copy task less. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;

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
  const auth = login.accessToken
    ? { user: login.username, accessToken: login.accessToken }
    : { user: login.username, pass: login.password };
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
    connectionTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    greetingTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    socketTimeout: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
  };
}
