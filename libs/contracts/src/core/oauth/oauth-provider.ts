import { ACCOUNT_SIDES, AccountSide } from '../credential-owner';
import type { ImapSecurity } from '../imap-security';

/** OAuth providers BTSX knows; each one is a registry entry in the auth service. */
export const OAUTH_PROVIDER_IDS = ['google', 'microsoft'] as const;
export type OAuthProviderId = (typeof OAUTH_PROVIDER_IDS)[number];

/** Each provider as people know it: "Sign in with Microsoft 365". */
export const OAUTH_PROVIDER_NAMES: Record<OAuthProviderId, string> = {
  google: 'Google',
  microsoft: 'Microsoft 365',
};

/** Which account card started the flow; it comes back in the redirect fragment. */
export const OAUTH_SIDES = ACCOUNT_SIDES;
export type OAuthSide = AccountSide;

/** GET /api/auth/oauth/:provider/start?side=…&returnTo=… (a page the browser goes to). */
export interface OAuthStartQuery {
  side: OAuthSide;
  /** A path of this site to come back to; `/` when absent. */
  returnTo?: string;
}

/** One entry of GET /api/auth/oauth/providers. */
export interface OAuthProviderInfo {
  id: OAuthProviderId;
  /** For the button: "Authenticate with <name>". */
  name: string;
  /** False when the server lacks the client id/secret; `reason` then says what to set. */
  available: boolean;
  reason?: string;
  imapHost: string;
  imapPort: number;
  imapSecurity: ImapSecurity;
}

/** `auth.credential.resolve` fails with this kind when the provider revoked the grant. */
export const REAUTH_REQUIRED_KIND = 'reauth_required';
