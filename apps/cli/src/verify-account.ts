import { AccountUrl } from './account-url';
import { ApiClient, ApiError } from './api-client';
import { CliError } from './cli-error';
import { EXIT_USAGE } from './exit-code';

export type AccountLabel = 'Source' | 'Destination';

/** Logs in once through the server; the answer is an opaque credential id for the job. */
export async function verifyAccount(
  api: ApiClient,
  label: AccountLabel,
  account: AccountUrl,
  password: string,
  tlsInsecure: boolean,
): Promise<string> {
  try {
    const { credentialId } = await api.verifyImap({
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
