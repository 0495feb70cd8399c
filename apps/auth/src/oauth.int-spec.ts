import { jobLogins, OAuthSide, parseOAuthFragment, REAUTH_REQUIRED_KIND } from '@btsx/contracts';
import { openImapSession } from '@btsx/imap';
import { BusClient, RemoteError, secretDigest } from '@btsx/platform';
import { freePort } from '@btsx/runner';
import {
  CookieJar,
  DovecotServer,
  localOAuthEnv,
  NatsServer,
  OidcProviderServer,
  PostgresServer,
  startDovecot,
  startNats,
  startOidcProvider,
  startPostgres,
} from '@btsx/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { AuthTestbed, bootAuth, CapturedOutput, startAuthTestbed } from './auth-testbed';

const CLIENT_ID = 'btsx';
const CLIENT_SECRET = `secret-${randomBytes(12).toString('hex')}`;
const DOVECOT_CLIENT = {
  clientId: 'dovecot',
  clientSecret: `dc-${randomBytes(8).toString('hex')}`,
};
/** Short enough that refreshes happen within the test, long enough for a LOGIN. */
const ACCESS_TOKEN_TTL_SECONDS = 3;
const USERS = { alice: 'alice@test.local', bob: 'bob@test.local' };

describe('OAuth accounts (real oidc-provider, Dovecot oauth2 passdb, Postgres, NATS)', () => {
  const output = new CapturedOutput();
  /** Every token and HTTP body the test saw, checked against logs at the end. */
  const tokensSeen = new Set<string>();
  const responseTexts: string[] = [];
  let postgres: PostgresServer;
  let nats: NatsServer;
  let oidc: OidcProviderServer;
  let dovecot: DovecotServer;
  let auth: AuthTestbed;
  let app: NestExpressApplication;
  let publicUrl: string;
  let microsoftPort: number;
  let baseEnv: Record<string, string>;
  let bus: BusClient;
  let db: Client;

  beforeAll(async () => {
    output.start();
    const port = await freePort();
    microsoftPort = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    [postgres, nats, oidc] = await Promise.all([
      startPostgres(),
      startNats(),
      startOidcProvider({
        clients: [
          {
            clientId: CLIENT_ID,
            clientSecret: CLIENT_SECRET,
            redirectUris: [
              `${publicUrl}/api/auth/oauth/google/callback`,
              `http://127.0.0.1:${microsoftPort}/api/auth/oauth/microsoft/callback`,
            ],
          },
          { ...DOVECOT_CLIENT, introspectionOnly: true },
        ],
        users: USERS,
        accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
        scopes: ['https://mail.google.com/'],
      }),
    ]);
    dovecot = await startDovecot({
      users: [],
      oauth2: { introspectionUrl: oidc.introspectionUrl, ...DOVECOT_CLIENT },
    });
    baseEnv = {
      DATABASE_URL: postgres.url,
      NATS_URL: nats.url,
      BTSX_ALLOW_PRIVATE_HOSTS: 'true',
      BTSX_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      PUBLIC_URL: publicUrl,
      ...localOAuthEnv(
        'google',
        oidc,
        { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
        dovecot,
      ),
      // Microsoft is deliberately left unconfigured.
    };
    auth = await startAuthTestbed({ ...baseEnv, PORT: String(port) });
    ({ app, bus, db } = auth);
  });

  afterAll(async () => {
    await auth?.close();
    await Promise.allSettled([postgres?.stop(), nats?.stop(), dovecot?.stop(), oidc?.stop()]);
    output.stop();
  });

  async function get(jar: CookieJar, url: string): Promise<Response> {
    const response = await jar.fetch(url);
    responseTexts.push(
      `${response.headers.get('location') ?? ''} ${await response.clone().text()}`,
    );
    return response;
  }

  /** start → provider login/consent → callback; returns the parsed fragment and the jar. */
  async function signIn(options: { login?: string; deny?: boolean; side?: string } = {}) {
    const jar = new CookieJar();
    const side = options.side ?? 'source';
    const start = await get(
      jar,
      `${publicUrl}/api/auth/oauth/google/start?side=${side}&returnTo=/start`,
    );
    expect(start.status).toBe(302);
    const callbackUrl = await oidc.login({
      authorizationUrl: start.headers.get('location')!,
      login: options.login ?? 'alice',
      deny: options.deny,
      jar,
    });
    expect(callbackUrl.startsWith(`${publicUrl}/api/auth/oauth/google/callback?`)).toBe(true);
    const callback = await get(jar, callbackUrl);
    expect(callback.status).toBe(302);
    const location = new URL(callback.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(`${publicUrl}/start`);
    return { result: parseOAuthFragment(location.hash), jar, callbackUrl };
  }

  /** The access token a worker gets for the credential of this id (see ownedByJob). */
  async function resolve(credentialId: string, side: OAuthSide = 'source'): Promise<string> {
    const login = await bus.request('auth.credential.resolve', {
      owner: jobLogins(credentialId),
      side,
    });
    expect(login).toMatchObject({
      host: dovecot.host,
      port: dovecot.port,
      security: 'none',
      username: USERS.alice,
    });
    expect(login.password).toBeUndefined();
    tokensSeen.add(login.accessToken!);
    return login.accessToken!;
  }

  async function imapLogin(accessToken: string, username = USERS.alice): Promise<void> {
    const session = await openImapSession(
      {
        host: dovecot.host,
        port: dovecot.port,
        security: 'none',
        verifyCertificate: true,
        username,
        accessToken,
      },
      { allowPrivateHosts: true },
    );
    await session.close();
  }

  /**
   * The record id of a completed sign-in's credential, claimed for a job of that same id
   * (the orchestrator's claim, done in the table: claims are auth.int-spec's subject).
   */
  async function signedIn(): Promise<string> {
    const { result } = await signIn();
    expect(result).toMatchObject({ ok: true, side: 'source', email: USERS.alice });
    return ownedByJob((result as { credentialId: string }).credentialId);
  }

  async function ownedByJob(token: string): Promise<string> {
    const { rows } = await db.query(
      `UPDATE auth.credential SET owner = 'job:' || id, token_hash = NULL
        WHERE token_hash = $1 RETURNING id`,
      [secretDigest(token)],
    );
    expect(rows).toHaveLength(1);
    return rows[0].id;
  }

  it('lists Google as available and unconfigured Microsoft with the reason', async () => {
    const response = await fetch(`${publicUrl}/api/auth/oauth/providers`);
    expect(response.status).toBe(200);
    const providers = await response.json();
    expect(providers).toEqual([
      {
        id: 'google',
        name: 'Google',
        available: true,
        imapHost: dovecot.host,
        imapPort: dovecot.port,
        imapSecurity: 'none',
      },
      {
        id: 'microsoft',
        name: 'Microsoft 365',
        available: false,
        reason:
          'Not configured on this server: set MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET',
        imapHost: 'outlook.office365.com',
        imapPort: 993,
        imapSecurity: 'tls',
      },
    ]);
    expect(JSON.stringify(providers)).not.toContain(CLIENT_SECRET);
  });

  it('answers /start of an unconfigured provider with an error fragment, not a 500', async () => {
    const response = await fetch(
      `${publicUrl}/api/auth/oauth/microsoft/start?side=destination&returnTo=/jobs/new`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.pathname).toBe('/jobs/new');
    expect(parseOAuthFragment(location.hash)).toEqual({
      ok: false,
      side: 'destination',
      message:
        'Microsoft 365 sign-in is unavailable: Not configured on this server: set MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET',
    });
  });

  it('redirects to the provider with a random state, PKCE and an httpOnly Lax cookie', async () => {
    const jar = new CookieJar();
    const response = await get(
      jar,
      `${publicUrl}/api/auth/oauth/google/start?side=source&returnTo=https://evil.example/`,
    );
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(oidc.authorizationUrl);
    expect(location.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('access_type')).toBe('offline');
    expect(location.searchParams.get('prompt')).toBe('consent');
    expect(location.searchParams.get('scope')).toBe('https://mail.google.com/ openid email');
    const cookie = response.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/btsx_client=.*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('completes a sign-in; the resolved access token logs in to the OAuth Dovecot', async () => {
    const credentialId = await signedIn();
    const { rows } = await db.query('SELECT * FROM auth.credential WHERE id = $1', [credentialId]);
    expect(rows[0]).toMatchObject({ kind: 'oauth', provider: 'google', username: USERS.alice });
    expect(rows[0].refresh_ciphertext).toBeInstanceOf(Buffer);

    const token = await resolve(credentialId);
    const raw = JSON.stringify(rows[0]);
    expect(raw).not.toContain(token);
    await imapLogin(token);
    // The token is alice's: Dovecot refuses it for bob.
    await expect(imapLogin(token, USERS.bob)).rejects.toThrow();
  });

  it('describes an OAuth credential to its session without a token', async () => {
    const { result, jar } = await signIn();
    const session = jar.header(publicUrl)!.match(/btsx_client=([^;]+)/)![1];
    const endpoint = await bus.request('auth.credential.describe', {
      token: (result as { credentialId: string }).credentialId,
      side: 'source',
      session: secretDigest(session),
    });
    expect(endpoint).toEqual({
      host: dovecot.host,
      port: dovecot.port,
      security: 'none',
      verifyCertificate: true,
      username: USERS.alice,
      provider: 'google',
    });
  });

  it('refreshes short-lived access tokens again and again; each refreshed token logs in', async () => {
    const credentialId = await signedIn();
    const first = await resolve(credentialId);
    // Still fresh: handed out again, no refresh.
    expect(await resolve(credentialId)).toBe(first);
    let previous = first;
    for (let round = 0; round < 3; round++) {
      await new Promise((r) => setTimeout(r, ACCESS_TOKEN_TTL_SECONDS * 1000 + 200));
      // The old token really expired at the provider.
      await expect(imapLogin(previous)).rejects.toThrow();
      const refreshed = await resolve(credentialId);
      expect(refreshed).not.toBe(previous);
      await imapLogin(refreshed);
      previous = refreshed;
    }
  });

  it('shares one refresh among concurrent resolves', async () => {
    const credentialId = await signedIn();
    await new Promise((r) => setTimeout(r, ACCESS_TOKEN_TTL_SECONDS * 1000 + 200));
    const tokens = await Promise.all([1, 2, 3, 4].map(() => resolve(credentialId)));
    expect(new Set(tokens).size).toBe(1);
  });

  it('fails with reauth_required once the refresh token is revoked', async () => {
    const credentialId = await signedIn();
    await resolve(credentialId);
    // Revoke the grant at the provider, as a user would in their account settings.
    const refreshToken = await refreshTokenOf(credentialId);
    const revoked = await fetch(oidc.revocationUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: refreshToken,
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }),
    });
    expect(revoked.status).toBe(200);
    await new Promise((r) => setTimeout(r, ACCESS_TOKEN_TTL_SECONDS * 1000 + 200));

    const error = await bus
      .request('auth.credential.resolve', { owner: jobLogins(credentialId), side: 'source' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ kind: REAUTH_REQUIRED_KIND, permanent: true });
    expect(error.message).toMatch(/^The Google account needs to be authenticated again: /);
    expect(error.message).not.toContain(refreshToken);
  });

  it('revokes the tokens at the provider and deletes the credential when the job ends', async () => {
    const credentialId = await signedIn();
    const token = await resolve(credentialId);
    const refreshToken = await refreshTokenOf(credentialId);
    await bus.publish('job.finished', {
      jobId: credentialId,
      status: 'completed',
      credentialOwner: jobLogins(credentialId),
    });
    await waitFor(
      async () =>
        (await db.query('SELECT 1 FROM auth.credential WHERE id = $1', [credentialId])).rowCount ===
        0,
    );
    expect(await introspect(token)).toBe(false);
    expect(await introspect(refreshToken)).toBe(false);
    await expect(imapLogin(token)).rejects.toThrow();
  });

  it('reports a denied consent as an error fragment', async () => {
    const { result } = await signIn({ deny: true });
    expect(result).toMatchObject({ ok: false, side: 'source' });
    expect((result as { message: string }).message).toMatch(/Access was not granted at Google/);
  });

  it('refuses a reused state, and a state from another browser', async () => {
    const { callbackUrl, jar } = await signIn({ side: 'destination' });
    const again = await get(jar, callbackUrl);
    expect(parseOAuthFragment(new URL(again.headers.get('location')!).hash)).toEqual({
      ok: false,
      side: 'destination',
      message: 'This sign-in was already completed: please authenticate again',
    });

    // A fresh sign-in whose callback arrives in another browser (no binding cookie).
    const victim = new CookieJar();
    const attacker = new CookieJar();
    const start = await get(
      attacker,
      `${publicUrl}/api/auth/oauth/google/start?side=source&returnTo=/`,
    );
    const stolen = await oidc.login({
      authorizationUrl: start.headers.get('location')!,
      login: 'alice',
      jar: attacker,
    });
    const answer = await get(victim, stolen);
    expect(parseOAuthFragment(new URL(answer.headers.get('location')!).hash)).toMatchObject({
      ok: false,
      message: 'The sign-in was started in another browser session: please authenticate again',
    });
  });

  it('finishes a callback that arrives twice at once (a double click) only once', async () => {
    const jar = new CookieJar();
    const start = await get(jar, `${publicUrl}/api/auth/oauth/google/start?side=source&returnTo=/`);
    const callbackUrl = await oidc.login({
      authorizationUrl: start.headers.get('location')!,
      login: 'alice',
      jar,
    });
    const answers = await Promise.all([get(jar, callbackUrl), get(jar, callbackUrl)]);
    const results = answers.map((a) =>
      parseOAuthFragment(new URL(a.headers.get('location')!).hash),
    );
    expect(results.filter((r) => r?.ok)).toHaveLength(1);
    expect(results.find((r) => r?.ok === false)).toMatchObject({
      message: 'This sign-in was already completed: please authenticate again',
    });
  });

  it('refuses an unknown state with an error fragment', async () => {
    const response = await fetch(
      `${publicUrl}/api/auth/oauth/google/callback?code=x&state=forged`,
      {
        redirect: 'manual',
      },
    );
    expect(response.status).toBe(302);
    expect(parseOAuthFragment(new URL(response.headers.get('location')!).hash)).toEqual({
      ok: false,
      side: '',
      message: 'The sign-in expired or was not started here: please authenticate again',
    });
  });

  it('reports a failed code exchange as an error fragment', async () => {
    const jar = new CookieJar();
    const start = await get(jar, `${publicUrl}/api/auth/oauth/google/start?side=source&returnTo=/`);
    const callbackUrl = new URL(
      await oidc.login({ authorizationUrl: start.headers.get('location')!, login: 'alice', jar }),
    );
    callbackUrl.searchParams.set('code', 'not-a-real-code');
    const answer = await get(jar, callbackUrl.toString());
    const result = parseOAuthFragment(new URL(answer.headers.get('location')!).hash);
    expect(result).toMatchObject({ ok: false, side: 'source' });
    expect((result as { message: string }).message).toMatch(
      /^Google sign-in failed: could not exchange the authorization code/,
    );
  });

  it('signs in through the generic OAuth 2.0 strategy (Microsoft entry) by configuration only', async () => {
    const microsoftUrl = `http://127.0.0.1:${microsoftPort}`;
    const microsoft = await bootAuth(
      {
        ...baseEnv,
        PORT: String(microsoftPort),
        PUBLIC_URL: microsoftUrl,
        MICROSOFT_CLIENT_ID: CLIENT_ID,
        MICROSOFT_CLIENT_SECRET: CLIENT_SECRET,
        MICROSOFT_AUTHORIZATION_URL: oidc.authorizationUrl,
        MICROSOFT_TOKEN_URL: oidc.tokenUrl,
        MICROSOFT_USERINFO_URL: oidc.userinfoUrl,
        MICROSOFT_IMAP_HOST: dovecot.host,
        MICROSOFT_IMAP_PORT: String(dovecot.port),
        MICROSOFT_IMAP_SECURITY: 'none',
      },
      { handlers: false },
    );
    try {
      const jar = new CookieJar();
      const start = await get(
        jar,
        `${microsoftUrl}/api/auth/oauth/microsoft/start?side=destination`,
      );
      const location = new URL(start.headers.get('location')!);
      expect(location.searchParams.get('scope')).toBe(
        'https://outlook.office.com/IMAP.AccessAsUser.All offline_access openid email',
      );
      const callbackUrl = await oidc.login({
        authorizationUrl: location.toString(),
        login: 'bob',
        jar,
      });
      const callback = await get(jar, callbackUrl);
      const result = parseOAuthFragment(new URL(callback.headers.get('location')!).hash);
      expect(result).toMatchObject({ ok: true, side: 'destination', email: USERS.bob });
      const id = await ownedByJob((result as { credentialId: string }).credentialId);
      const login = await bus.request('auth.credential.resolve', {
        owner: jobLogins(id),
        side: 'destination',
      });
      tokensSeen.add(login.accessToken!);
      expect(login.username).toBe(USERS.bob);
      await imapLogin(login.accessToken!, USERS.bob);
    } finally {
      await microsoft.app.close();
    }
  });

  it('finishes a sign-in on another replica than the one it started on, and lets an expired one go', async () => {
    const otherReplica = await bootAuth(
      { ...baseEnv, PORT: String(await freePort()) },
      {
        handlers: false,
      },
    );
    try {
      const startOn = async (jar: CookieJar) => {
        const start = await get(
          jar,
          `${otherReplica.url}/api/auth/oauth/google/start?side=destination&returnTo=/start`,
        );
        return oidc.login({
          authorizationUrl: start.headers.get('location')!,
          login: 'alice',
          jar,
        });
      };
      // The provider sends the browser back to PUBLIC_URL: the testbed's replica, not this one.
      const jar = new CookieJar();
      const callback = await get(jar, await startOn(jar));
      const result = parseOAuthFragment(new URL(callback.headers.get('location')!).hash);
      expect(result).toMatchObject({ ok: true, side: 'destination', email: USERS.alice });
      const id = await ownedByJob((result as { credentialId: string }).credentialId);
      tokensSeen.add(await resolve(id, (result as { side: OAuthSide }).side));

      const late = new CookieJar();
      const lateCallbackUrl = await startOn(late);
      await db.query(`UPDATE auth.oauth_sign_in SET expires_at = now() WHERE NOT used`);
      const expired = await get(late, lateCallbackUrl);
      expect(parseOAuthFragment(new URL(expired.headers.get('location')!).hash)).toEqual({
        ok: false,
        side: '',
        message: 'The sign-in expired or was not started here: please authenticate again',
      });
    } finally {
      await otherReplica.app.close();
    }
    const stored: { flow: { verifier?: string } }[] = (
      await db.query(`SELECT flow FROM auth.oauth_sign_in WHERE used`)
    ).rows;
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.filter((row) => row.flow.verifier !== undefined)).toEqual([]);
  });

  it('never wrote a token or the client secret to a log or a response', () => {
    expect(tokensSeen.size).toBeGreaterThan(3);
    const everything = output.text + responseTexts.join('\n');
    for (const token of tokensSeen) expect(everything).not.toContain(token);
    expect(everything).not.toContain(CLIENT_SECRET);
  });

  async function refreshTokenOf(credentialId: string): Promise<string> {
    // The test reads the refresh token the only way it can: from the vault, through the app.
    const { CredentialVault } = await import('./credentials/credential-vault');
    const { openRefresh } = await import('./credentials/sealed-tokens');
    const { Credential } = await import('./credentials/credential.entity');
    const { getRepositoryToken } = await import('@nestjs/typeorm');
    const record = await app.get(getRepositoryToken(Credential)).findOneBy({ id: credentialId });
    const token = openRefresh(app.get(CredentialVault), record);
    tokensSeen.add(token);
    return token;
  }

  async function introspect(token: string): Promise<boolean> {
    const response = await fetch(oidc.introspectionUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token,
        client_id: DOVECOT_CLIENT.clientId,
        client_secret: DOVECOT_CLIENT.clientSecret,
      }),
    });
    return ((await response.json()) as { active: boolean }).active;
  }
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
