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

/** The providers the auth service knows, by the prefix of their settings. */
const ENV_PREFIX = { google: 'GOOGLE', microsoft: 'MICROSOFT' } as const;

/**
 * Auth's settings for a provider played by the local OIDC provider, whose mail is on `imap`
 * (plain IMAP, a test Dovecot or a proxy in front of one). Microsoft keeps its production
 * ways: the address comes from the id_token (it has no userinfo BTSX may call) and there is
 * no revocation endpoint. `tokenUrl` can point elsewhere (a counter in front of the provider's).
 */
export function localOAuthEnv(
  provider: keyof typeof ENV_PREFIX,
  oidc: Pick<OidcProviderServer, 'authorizationUrl' | 'tokenUrl' | 'userinfoUrl' | 'revocationUrl'>,
  client: { clientId: string; clientSecret: string },
  imap: { host: string; port: number },
  tokenUrl = oidc.tokenUrl,
): Record<string, string> {
  const p = ENV_PREFIX[provider];
  return {
    [`${p}_CLIENT_ID`]: client.clientId,
    [`${p}_CLIENT_SECRET`]: client.clientSecret,
    [`${p}_AUTHORIZATION_URL`]: oidc.authorizationUrl,
    [`${p}_TOKEN_URL`]: tokenUrl,
    ...(provider === 'google' && {
      GOOGLE_USERINFO_URL: oidc.userinfoUrl,
      GOOGLE_REVOCATION_URL: oidc.revocationUrl,
    }),
    [`${p}_IMAP_HOST`]: imap.host,
    [`${p}_IMAP_PORT`]: String(imap.port),
    [`${p}_IMAP_SECURITY`]: 'none',
  };
}
