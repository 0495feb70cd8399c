import { ImapFlow } from 'imapflow';
import type { ImapLogin } from '@btsx/contracts';
import { type ConnectOptions, imapFlowOptions } from '../connection/connect-options';
import { resolveAllowedHost } from '../connection/resolve-allowed-host';
import { toImapError } from '../errors/to-imap-error';
import { ImapSession } from './imap-session';

/** Connects and logs in; every failure comes out as an ImapError without the secret in it. */
export async function openImapSession(
  login: ImapLogin,
  options: ConnectOptions,
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
  return new ImapSession(client, { host, port, username, provider });
}
