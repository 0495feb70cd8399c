import { randomBytes } from 'node:crypto';
import type { OidcProviderServer } from './oidc-provider-server';

/** The user the local OIDC provider signs in. */
export const OIDC_ALICE = { login: 'alice', email: 'alice@test.local' };

const secret = (prefix: string) => `${prefix}-${randomBytes(12).toString('hex')}`;

/**
 * The clients of a local "Google": BTSX itself, Dovecot (introspection only) and a seeder
 * that gets tokens to fill and read the OAuth-only mailbox (its redirect URI is never fetched).
 */
export function oauthTestClients() {
  return {
    btsx: { clientId: 'btsx', clientSecret: secret('btsx') },
    dovecot: { clientId: 'dovecot', clientSecret: secret('dc') },
    seeder: {
      clientId: 'seeder',
      clientSecret: secret('seed'),
      redirectUri: 'http://127.0.0.1/seeded',
    },
  };
}

/**
 * Auth's settings for a "Google" played by the local OIDC provider, whose mail is on `imap`
 * (plain IMAP, a test Dovecot or a proxy in front of one). `tokenUrl` can point elsewhere
 * (a counter in front of the provider's).
 */
export function localGoogleEnv(
  oidc: Pick<OidcProviderServer, 'authorizationUrl' | 'tokenUrl' | 'userinfoUrl' | 'revocationUrl'>,
  client: { clientId: string; clientSecret: string },
  imap: { host: string; port: number },
  tokenUrl = oidc.tokenUrl,
): Record<string, string> {
  return {
    GOOGLE_CLIENT_ID: client.clientId,
    GOOGLE_CLIENT_SECRET: client.clientSecret,
    GOOGLE_AUTHORIZATION_URL: oidc.authorizationUrl,
    GOOGLE_TOKEN_URL: tokenUrl,
    GOOGLE_USERINFO_URL: oidc.userinfoUrl,
    GOOGLE_REVOCATION_URL: oidc.revocationUrl,
    GOOGLE_IMAP_HOST: imap.host,
    GOOGLE_IMAP_PORT: String(imap.port),
    GOOGLE_IMAP_SECURITY: 'none',
  };
}
