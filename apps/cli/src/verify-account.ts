import { AccountUrl } from './account-url';
import { ApiClient, ApiError } from './api-client';
import { CliError } from './cli-error';
import { EXIT_USAGE } from './exit-code';

export type AccountLabel = 'Source' | 'Destination';

/**
 * Logs in once through the server; the answer is a credential token for this side of one
 * job, good only with this run's client session.
 */
export async function verifyAccount(
  api: ApiClient,
  label: AccountLabel,
  account: AccountUrl,
  password: string,
  tlsInsecure: boolean,
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
