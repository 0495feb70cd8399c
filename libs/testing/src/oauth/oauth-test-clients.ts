import { randomBytes } from 'node:crypto';

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
