// A real OAuth 2.0 / OpenID Connect authorization server for tests (oidc-provider is ESM
// only, so Jest cannot import it: libs/testing/src/oauth starts this file as a process).
// Configuration comes as JSON in OIDC_TEST_CONFIG:
//   { port, issuer, accessTokenTtlSeconds, scopes: [...],
//     clients: [{ client_id, client_secret, redirect_uris?, introspection?: true }],
//     users: { [login]: email }, profileClaims?: [claim names] }
// Tests change an account's extra claims, or the audience of its next ID tokens, with
// PUT /test/accounts/:login {claims?: {...}, idTokenAudience?: string}.
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
/** login → { claims, idTokenAudience }, as the test last set them. */
const accounts = new Map();

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
  // profileClaims: an identity provider's own claims (roles, groups), sent with the profile scope.
  claims: {
    email: ['email', 'email_verified'],
    profile: ['name', ...(config.profileClaims ?? [])],
  },
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
    claims: () => ({
      sub,
      email: emailOf(sub),
      email_verified: true,
      name: sub,
      ...accounts.get(sub)?.claims,
    }),
  }),
});

// An ID token signed by this very provider for another client: what a token-substitution
// attack brings. The provider's own signing, only the audience differs.
const issueIdToken = provider.IdToken.prototype.issue;
provider.IdToken.prototype.issue = function issue(options) {
  const audience = accounts.get(this.available?.sub)?.idTokenAudience;
  if (options?.use === 'idtoken' && audience) {
    this.client = Object.create(this.client, { clientId: { value: audience } });
  }
  return issueIdToken.call(this, options);
};
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
provider.use(async (ctx, next) => {
  const account = /^\/test\/accounts\/([^/]+)$/.exec(ctx.path);
  if (!account || ctx.method !== 'PUT') return next();
  let text = '';
  for await (const chunk of ctx.req) text += chunk;
  accounts.set(decodeURIComponent(account[1]), JSON.parse(text));
  ctx.status = 204;
});
// Keep test output readable: oidc-provider logs nothing by itself; failures show on stderr.
provider.on('server_error', (ctx, error) => process.stderr.write(`server_error: ${error.stack}\n`));

const server = provider.listen(config.port, '127.0.0.1', () => {
  process.stdout.write(`oidc-provider ready on ${config.issuer}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => server.close(() => process.exit(0)));
