import { isIP } from 'node:net';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { ImapLogin } from '@btsx/contracts';
import { toImapError } from '../errors/to-imap-error';
import { openPipelinedAppender } from '../pipeline/pipelined-appender';
import { ImapSession } from './imap-session';
import { resolveAllowedHost } from './resolve-allowed-host';

export interface OpenImapSessionOptions {
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
const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
/** imapflow waits 5 min; a stalled server should cost a copy task less. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;

/** Connects and logs in; every failure comes out as an ImapError without the secret in it. */
export async function openImapSession(
  login: ImapLogin,
  options: OpenImapSessionOptions,
): Promise<ImapSession> {
  const secrets = [login.password, login.accessToken];
  const address = await resolveAllowedHost(login.host, options.allowPrivateHosts);
  const client = new ImapFlow(imapFlowOptions(login, address, options));
  // imapflow emits 'error' for socket failures after connect; without a listener Node would
  // crash the process. The failing command rejects on its own, so nothing else is needed.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    client.close();
    const error = toImapError(err, secrets);
    error.message = `${error.message} (${login.host}:${login.port})`;
    throw error;
  }
  const { host, port, username, provider } = login;
  const openAppender = (folder: string) => openPipelinedAppender(login, folder, options);
  return new ImapSession(client, { host, port, username, provider }, openAppender);
}

export function imapFlowOptions(
  login: ImapLogin,
  address: string,
  options: OpenImapSessionOptions,
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
