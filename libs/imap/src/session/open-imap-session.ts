import { ImapFlow } from 'imapflow';
import type { ImapLogin } from '@btsx/contracts';
import { type ConnectOptions, imapFlowOptions } from '../connection/connect-options';
import { resolveAllowedHost } from '../connection/resolve-allowed-host';
import { loginFailure } from '../errors/to-imap-error';
import { ImapSession } from './imap-session';
import { internalsOf } from './imapflow-internals';

/** Connects and logs in; every failure comes out as an ImapError without the secret in it. */
export async function openImapSession(
  login: ImapLogin,
  options: ConnectOptions,
): Promise<ImapSession> {
  const address = await resolveAllowedHost(login.host, options.allowPrivateHosts);
  const client = new ImapFlow(imapFlowOptions(login, address, options));
  // imapflow emits 'error' for socket failures after connect; without a listener Node would
  // crash the process. The failing command rejects on its own, so nothing else is needed.
  client.on('error', () => undefined);
  withoutIdExchange(client);
  try {
    await client.connect();
  } catch (err) {
    client.close();
    throw loginFailure(err, login);
  }
  const { host, port, username, provider } = login;
  return new ImapSession(client, { host, port, username, provider });
}

/**
 * imapflow sends ID (RFC 2971) before and after login when the server offers it: two of a
 * login's round trips, for nothing a migration needs. BTSX does not identify itself (nor does
 * imapsync unless asked).
 */
function withoutIdExchange(client: ImapFlow): void {
  const internals = internalsOf(client);
  const run = internals.run.bind(client);
  internals.run = (command, ...args) =>
    command === 'ID' ? Promise.resolve(undefined) : run(command, ...args);
}
