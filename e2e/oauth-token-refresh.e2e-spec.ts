// Access tokens that expire every few seconds, and a migration slow enough to outlive
// several of them: a real oidc-provider plays Google with a 3 s access-token lifetime, a
// Dovecot in OAuth mode (tokens checked by introspection) is the source behind a delay
// proxy, and one copier with a concurrency of 1 copies the folders one after another, each
// task logging in with a token resolved when it starts. The auth service must refresh
// along the way, and nothing may be lost.
import { CLIENT_SESSION_COOKIE, parseOAuthFragment } from '@btsx/contracts';
import { BtsxSystem, freePort } from '@btsx/runner';
import {
  BtsxApiClient,
  compareMailboxes,
  CookieJar,
  DelayProxy,
  DovecotServer,
  DovecotUser,
  generateCorpus,
  localOAuthEnv,
  oauthTestClients,
  obtainOidcTokens,
  OIDC_ALICE,
  OidcProviderServer,
  readMailbox,
  seedMailbox,
  startDelayProxy,
  startDovecot,
  startOidcProvider,
  startTestSystem,
  stopTestSystem,
  TestSystem,
} from '@btsx/testing';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { resolve } from 'node:path';

const OUTPUT = resolve('test-output/e2e/oauth-token-refresh');
const ALICE = OIDC_ALICE;
const { btsx: BTSX_CLIENT, dovecot: DOVECOT_CLIENT, seeder: SEEDER_CLIENT } = oauthTestClients();
const ACCESS_TOKEN_TTL_SECONDS = 3;
/** INBOX, five special-use folders and these user folders: ten tasks, copied one by one. */
const USER_FOLDERS = 4;
const MESSAGES = 60;
/**
 * Added to each direction between BTSX and the source: every folder takes a while. 60 ms
 * was enough until a small folder became one FETCH; then the job ended in 8.7 s, inside the
 * three token lifetimes it must outlive.
 */
const SOURCE_DELAY_MS = 120;
/** The job must outlive this many access tokens. */
const MIN_TOKEN_LIFETIMES = 3;
const FINISH_TIMEOUT_MS = 60_000;

/** One answer of the token endpoint, as the counting proxy saw it go by. */
interface TokenExchange {
  at: number;
  grantType: string;
  status: number;
  accessToken?: string;
  refreshToken?: string;
}

/**
 * A pass-through HTTP proxy in front of the provider's token endpoint: the auth service is
 * pointed at it by configuration, and the test sees every grant and every token issued
 * (to count refreshes, and to check that none of them reached a log).
 */
async function startTokenCounter(
  tokenUrl: string,
): Promise<{ url: string; exchanges: TokenExchange[]; stop(): Promise<void> }> {
  const exchanges: TokenExchange[] = [];
  const forward = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = new Headers();
    for (const name of ['content-type', 'authorization', 'accept']) {
      const value = request.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    const answer = await fetch(tokenUrl, { method: request.method, headers, body });
    const text = await answer.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // Not JSON: an error page; recorded with its status only.
    }
    exchanges.push({
      at: Date.now(),
      grantType: new URLSearchParams(body).get('grant_type') ?? '',
      status: answer.status,
      accessToken: typeof json.access_token === 'string' ? json.access_token : undefined,
      refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : undefined,
    });
    response.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
      'cache-control': 'no-store',
    });
    response.end(text);
  };
  const server: Server = createServer((request, response) => {
    forward(request, response).catch((error: Error) => {
      response.writeHead(502).end(error.message);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('token counter has no port');
  return {
    url: `http://127.0.0.1:${address.port}/token`,
    exchanges,
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}

describe('a migration that outlives several short-lived OAuth access tokens', () => {
  let testSystem: TestSystem;
  let oidc: OidcProviderServer;
  let source: DovecotServer;
  let sourceProxy: DelayProxy;
  let destination: DovecotServer;
  let tokenCounter: Awaited<ReturnType<typeof startTokenCounter>>;
  let system: BtsxSystem;
  let api: BtsxApiClient;
  let publicUrl: string;
  /** Every token the seeder got, checked against the logs at the end. */
  const seederTokens: string[] = [];

  /** alice on the OAuth Dovecot: the password is a fresh access token (LOGIN accepts it). */
  async function sourceUser(): Promise<DovecotUser> {
    const { accessToken, refreshToken } = await obtainOidcTokens(oidc, {
      ...SEEDER_CLIENT,
      login: ALICE.login,
    });
    seederTokens.push(accessToken, ...(refreshToken ? [refreshToken] : []));
    return { username: ALICE.email, password: accessToken };
  }

  beforeAll(async () => {
    const gatewayPort = await freePort();
    publicUrl = `http://127.0.0.1:${gatewayPort}`;
    [oidc, destination] = await Promise.all([
      startOidcProvider({
        clients: [
          { ...BTSX_CLIENT, redirectUris: [`${publicUrl}/api/auth/oauth/google/callback`] },
          { ...SEEDER_CLIENT, redirectUris: [SEEDER_CLIENT.redirectUri] },
          { ...DOVECOT_CLIENT, introspectionOnly: true },
        ],
        users: { [ALICE.login]: ALICE.email },
        accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
        scopes: ['https://mail.google.com/'],
      }),
      startDovecot({ users: [], separator: '.' }),
    ]);
    source = await startDovecot({
      users: [],
      oauth2: { introspectionUrl: oidc.introspectionUrl, ...DOVECOT_CLIENT },
    });
    // One session, opened right after the token was issued: it outlives the token.
    await seedMailbox(
      source,
      await sourceUser(),
      generateCorpus({ messages: MESSAGES, folders: USER_FOLDERS, seed: 33 }),
    );
    [sourceProxy, tokenCounter] = await Promise.all([
      startDelayProxy({ target: source, delayMs: SOURCE_DELAY_MS }),
      startTokenCounter(oidc.tokenUrl),
    ]);

    testSystem = await startTestSystem({
      outputDir: OUTPUT,
      gatewayPort,
      serviceEnv: {
        auth: {
          PUBLIC_URL: publicUrl,
          // "Gmail" is far away: BTSX reaches the source only through the delay proxy.
          ...localOAuthEnv('google', oidc, BTSX_CLIENT, sourceProxy, tokenCounter.url),
        },
        copier: { COPIER_CONCURRENCY: '1', COPIER_IDLE_CONNECTION_MS: '0' },
      },
    });
    system = testSystem.system;
    expect(system.url).toBe(publicUrl);
    api = new BtsxApiClient(system.url);
  });

  afterAll(async () => {
    if (testSystem) await stopTestSystem(testSystem);
    await Promise.allSettled([
      sourceProxy?.stop(),
      tokenCounter?.stop(),
      source?.stop(),
      destination?.stop(),
      oidc?.stop(),
    ]);
  });

  /**
   * start → the provider's login and consent → callback, over plain HTTP, in the API client's
   * session (as one browser page does both): the credential token.
   */
  async function signInWithGoogle(): Promise<string> {
    const jar = new CookieJar();
    jar.set(publicUrl, CLIENT_SESSION_COOKIE, api.session);
    const start = await jar.fetch(
      `${publicUrl}/api/auth/oauth/google/start?side=source&returnTo=/`,
    );
    expect(start.status).toBe(302);
    const callbackUrl = await oidc.login({
      authorizationUrl: start.headers.get('location')!,
      login: ALICE.login,
      jar,
    });
    expect(callbackUrl.startsWith(`${publicUrl}/api/auth/oauth/google/callback?`)).toBe(true);
    const callback = await jar.fetch(callbackUrl);
    expect(callback.status).toBe(302);
    const result = parseOAuthFragment(new URL(callback.headers.get('location')!).hash);
    expect(result).toMatchObject({ ok: true, side: 'source', email: ALICE.email });
    return (result as { credentialId: string }).credentialId;
  }

  it('refreshes the access token several times and copies every message', async () => {
    const target = { username: 'bob@dest.test', password: 'dst-Refresh-Secret-1' };
    await destination.addUser(target);
    const sourceCredentialId = await signInWithGoogle();
    const destinationCredentialId = await api.verify(
      { server: destination, user: target },
      'destination',
    );
    const exchangesBefore = tokenCounter.exchanges.length;

    const started = Date.now();
    const id = await api.createJob({
      sourceCredentialId,
      destinationCredentialId,
      options: {
        deleteSource: false,
        foldersOnly: false,
        progressUpdates: false,
        reconcileExisting: false,
      },
    });
    const job = await api.waitForEnd(id, FINISH_TIMEOUT_MS);
    const finished = Date.now();
    expect(job.status).toBe('completed');
    expect(job.counters).toMatchObject({ failed: 0 });

    // The migration outlived several access tokens...
    expect(finished - started).toBeGreaterThan(
      MIN_TOKEN_LIFETIMES * ACCESS_TOKEN_TTL_SECONDS * 1000,
    );

    // ...and the provider issued a new one for the grant each time one ran short.
    const exchanges = tokenCounter.exchanges;
    expect(exchanges.every((e) => e.status === 200 && e.accessToken)).toBe(true);
    expect(exchanges.slice(0, exchangesBefore).map((e) => e.grantType)).toEqual([
      'authorization_code',
    ]);
    const refreshes = exchanges.filter(
      (e) => e.grantType === 'refresh_token' && e.at >= started && e.at <= finished,
    );
    expect(refreshes.length).toBeGreaterThanOrEqual(MIN_TOKEN_LIFETIMES);
    expect(new Set(exchanges.map((e) => e.accessToken)).size).toBe(exchanges.length);
    // The auth service says so too (never a token, nor the credential's id).
    const authLog = await system.logs();
    const refreshLines = authLog.match(/Refreshed a Google access token/g);
    expect(refreshLines?.length).toBe(
      exchanges.filter((e) => e.grantType === 'refresh_token').length,
    );
    process.stdout.write(
      `oauth-token-refresh: job took ${finished - started} ms, ` +
        `${refreshes.length} refresh(es) during it, ${exchanges.length} token(s) issued to btsx\n`,
    );

    // Nothing lost: the destination holds exactly what the source holds.
    const [from, to] = await Promise.all([
      readMailbox(source, await sourceUser()),
      readMailbox(destination, target),
    ]);
    expect(from.reduce((n, f) => n + f.messages.length, 0)).toBe(MESSAGES);
    expect(from.length).toBeGreaterThanOrEqual(10);
    expect(compareMailboxes(from, to)).toEqual([]);

    // No token, refresh token or client secret reached a service log.
    const logs = await system.logs();
    const secrets = [
      BTSX_CLIENT.clientSecret,
      DOVECOT_CLIENT.clientSecret,
      SEEDER_CLIENT.clientSecret,
      target.password,
      sourceCredentialId,
      ...seederTokens,
      ...exchanges.flatMap((e) => [e.accessToken, e.refreshToken]),
    ].filter((secret): secret is string => typeof secret === 'string');
    expect(secrets.length).toBeGreaterThan(MIN_TOKEN_LIFETIMES + 4);
    for (const secret of secrets) expect(logs).not.toContain(secret);
  });
});
