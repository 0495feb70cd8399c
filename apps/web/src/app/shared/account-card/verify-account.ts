import type { VerifyImapRequest } from '@btsx/contracts';
import { describeApiError } from '../api/api-error';
import { BtsxApi } from '../api/btsx-api.service';
import { AccountState } from './account-state';

/**
 * Logs one account in through the server and records the outcome in its state: a credential
 * id on success, the server's reason on failure. Answers whether it succeeded.
 */
export async function verifyAccount(
  api: BtsxApi,
  state: AccountState,
  request: VerifyImapRequest,
): Promise<boolean> {
  const ticket = state.begin();
  try {
    const { credentialId } = await api.verifyImap(request);
    state.succeed(ticket, credentialId);
    return state.authenticated();
  } catch (error) {
    state.fail(ticket, describeApiError(error));
    return false;
  }
}
