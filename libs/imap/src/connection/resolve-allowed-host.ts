import { lookup } from 'node:dns/promises';
import { ImapError } from '../errors/imap-error';
import { toImapError } from '../errors/to-imap-error';
import { isForbiddenAddress } from './forbidden-address';

/**
 * Resolves `host` and refuses it when any of its addresses is not a public one (loopback,
 * private, link-local, multicast, a tunnel or translator into those: forbidden-address.ts).
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
    // The address stays out of the message: it would map our network for whoever asked.
    if (addresses.some((a) => isForbiddenAddress(a.address))) {
      throw new ImapError(
        'forbidden_host',
        `The server address is not allowed: ${host} is on a private or local network`,
        true,
      );
    }
  }
  return addresses[0].address;
}
