import { lookup } from 'node:dns/promises';
import { ImapError } from '../errors/imap-error';
import { toImapError } from '../errors/to-imap-error';
import { isForbiddenAddress } from './forbidden-address';

/**
 * Resolves `host` and refuses it when any of its addresses is loopback, private or link-local.
 * Returns the first address so the connection goes to the address that was checked
 * (a second lookup could answer differently: DNS rebinding).
 */
export async function resolveAllowedHost(
  host: string,
  allowPrivateHosts: boolean,
): Promise<string> {
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch (err) {
    throw toImapError(err);
  }
  if (!allowPrivateHosts) {
    const forbidden = addresses.find((a) => isForbiddenAddress(a.address));
    if (forbidden) {
      throw new ImapError(
        'forbidden_host',
        `The server address is not allowed: ${host} resolves to the private or local address ${forbidden.address}`,
        true,
      );
    }
  }
  return addresses[0].address;
}
