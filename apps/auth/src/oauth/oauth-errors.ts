import { REAUTH_REQUIRED_KIND } from '@btsx/contracts';
import { PermanentError } from '@btsx/platform';

/**
 * The provider no longer honours the grant (revoked, password changed, expired refresh
 * token). Permanent: the job fails with this message and the user signs in again.
 */
export class ReauthRequiredError extends PermanentError {
  readonly kind = REAUTH_REQUIRED_KIND;

  constructor(providerName: string, reason: string) {
    super(`The ${providerName} account needs to be authenticated again: ${reason}`);
  }
}

/** The provider could not be asked right now (network, 5xx): the worker retries later. */
export class OAuthProviderUnreachableError extends Error {
  readonly kind = 'oauth_provider_unreachable';
}

/** Replaces every occurrence of a secret by a marker: provider messages may echo tokens. */
export function redact(text: string, secrets: (string | undefined)[]): string {
  return secrets
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}
