// A real OAuth 2.0 / OpenID Connect authorization server for tests (oidc-provider is ESM
// only, so Jest cannot import it: libs/testing/src/oauth starts this file as a process).
// Configuration comes as JSON in OIDC_TEST_CONFIG:
//   { port, issuer, accessTokenTtlSeconds, scopes: [...],
//     clients: [{ client_id, client_secret, redirect_uris?, introspection?: true }],
//     users: { [login]: email } }
// Never use it outside tests: devInteractions accept any password.
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG ?? '{}');
const users = config.users ?? {};

const clients = config.clients.map((client) =>
  client.introspection
    ? // Calls introspection only (Dovecot): no grants of its own.
      {
        client_id: client.client_id,
        client_secret: client.client_secret,
        grant_types: [],
        response_types: [],
        redirect_uris: [],
      }
    : {
        client_id: client.client_id,
        client_secret: client.client_secret,
        redirect_uris: client.redirect_uris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
);

const emailOf = (accountId) => users[accountId] ?? accountId;

const provider = new Provider(config.issuer, {
  clients,
  features: {
    introspection: { enabled: true },
    revocation: { enabled: true },
    devInteractions: { enabled: true },
  },
  // passport-google-oauth20 only uses its OpenID Connect profile parser for URLs that end
  // in /userinfo; the default path is /me.
  routes: { userinfo: '/userinfo' },
  scopes: ['openid', 'offline_access', 'email', 'profile', ...(config.scopes ?? [])],
  claims: { email: ['email', 'email_verified'], profile: ['name'] },
  // Put the scopes' claims (email) into the id_token too, as Microsoft's identity platform
  // does: BTSX reads a Microsoft account's address from there.
  conformIdTokenClaims: false,
  // Dovecot's oauth2 passdb matches the IMAP user against this introspection attribute.
  extraTokenClaims: (ctx, token) =>
    token.kind === 'AccessToken' ? { email: emailOf(token.accountId) } : undefined,
  // Google issues refresh tokens for access_type=offline without offline_access; the default
  // here needs offline_access plus prompt=consent.
  issueRefreshToken: (ctx, client) => client.grantTypeAllowed('refresh_token'),
  ttl: {
    AccessToken: config.accessTokenTtlSeconds ?? 3600,
    RefreshToken: 14 * 24 * 3600,
    Grant: 14 * 24 * 3600,
    Session: 3600,
    Interaction: 600,
    AuthorizationCode: 60,
    IdToken: 3600,
  },
  findAccount: (ctx, sub) => ({
    accountId: sub,
    claims: () => ({ sub, email: emailOf(sub), email_verified: true, name: sub }),
  }),
});
provider.proxy = false;
// Microsoft's prompt=select_account is not an OpenID Connect Core value and oidc-provider
// refuses it; a test server cannot show an account picker anyway, so it is dropped here.
provider.use(async (ctx, next) => {
  if (ctx.path === '/auth' && ctx.query.prompt === 'select_account') {
    const query = { ...ctx.query };
    delete query.prompt;
    ctx.query = query;
  }
  await next();
});
// Keep test output readable: oidc-provider logs nothing by itself; failures show on stderr.
provider.on('server_error', (ctx, error) => process.stderr.write(`server_error: ${error.stack}\n`));

const server = provider.listen(config.port, '127.0.0.1', () => {
  process.stdout.write(`oidc-provider ready on ${config.issuer}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => server.close(() => process.exit(0)));
