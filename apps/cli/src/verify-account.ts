import type { CredentialPair } from '@btsx/contracts';
import { AccountUrl } from './account-url';
import { ApiClient, ApiError } from './api-client';
import { CliError } from './cli-error';
import { EXIT_USAGE } from './exit-code';

export type AccountLabel = 'Source' | 'Destination';

/** One account as the command line names it, with its password. */
export interface AccountSignIn {
  account: AccountUrl;
  password: string;
  tlsInsecure: boolean;
}

/**
 * Signs both accounts in at once (each a real login, several round trips at a distance):
 * the credential tokens of one job. When both fail, the source's reason is told.
 */
export async function signInBoth(
  api: ApiClient,
  source: AccountSignIn,
  destination: AccountSignIn,
): Promise<CredentialPair> {
  const [from, to] = await Promise.allSettled([
    verifyAccount(api, 'Source', source),
    verifyAccount(api, 'Destination', destination),
  ]);
  if (from.status === 'rejected') throw from.reason;
  if (to.status === 'rejected') throw to.reason;
  return { sourceCredentialId: from.value, destinationCredentialId: to.value };
}

/**
 * Logs in once through the server; the answer is a credential token for this side of one
 * job, good only with this run's client session.
 */
async function verifyAccount(
  api: ApiClient,
  label: AccountLabel,
  { account, password, tlsInsecure }: AccountSignIn,
): Promise<string> {
  try {
    const { credentialId } = await api.verifyImap({
      side: label === 'Source' ? 'source' : 'destination',
      host: account.host,
      port: account.port,
      security: account.security,
      username: account.username,
      password,
      tlsInsecure,
    });
    return credentialId;
  } catch (err) {
    if (err instanceof ApiError)
      throw new CliError(`${label} account: ${err.describe()}`, EXIT_USAGE);
    throw err;
  }
}
