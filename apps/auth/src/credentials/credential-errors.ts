import type { AccountSide } from '@btsx/contracts';
import { PermanentError } from '@btsx/platform';

/**
 * Unknown, purged or already deleted: asking again will not help, so it is permanent.
 * The bus sends `kind` and `permanent` back to the requester as a RemoteError.
 */
export class CredentialNotFoundError extends PermanentError {
  readonly kind = 'credential_not_found';

  constructor() {
    super('Credential not found (it expires when its job ends: authenticate again)');
  }
}

/**
 * A token that cannot be claimed: unknown, expired, used already, given to another session
 * or for the other side. One answer for all, so a guess learns nothing.
 */
export class TokenNotClaimableError extends PermanentError {
  readonly kind = 'credential_not_found';

  constructor(side: AccountSide) {
    super(`The ${side} account must authenticate again`);
  }
}

/** The record exists but cannot be decrypted (its key was removed, or it was altered). */
export class CredentialUnreadableError extends PermanentError {
  readonly kind = 'credential_unreadable';

  constructor(reason: string) {
    super(`Credential cannot be decrypted (${reason}): authenticate again`);
  }
}

/** A schedule holds passwords only: copying an OAuth login per pass would share its refresh token. */
export class OAuthNotHoldableError extends PermanentError {
  readonly kind = 'oauth_not_holdable';

  constructor(side: AccountSide) {
    super(
      `The ${side} account signs in with OAuth: schedules need password (or app password) logins`,
    );
  }
}
