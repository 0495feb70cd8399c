// Admin single sign-on against a real OpenID Connect provider (oidc-provider, started here),
// driven over HTTP as a browser would, with a real Postgres and NATS behind the orchestrator.
import { AdminSessionView } from '@btsx/contracts';
import { freePort } from '@btsx/runner';
import {
  CookieJar,
  OidcProviderServer,
  startNats,
  startOidcProvider,
  startPostgres,
} from '@btsx/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrchestratorTestbed, startOrchestratorTestbed } from '../../orchestrator-testbed';

const ROOT = { email: 'root@btsx.test', password: 'first-admin-Secret-1' };
const CLIENT = { clientId: 'btsx-admin', clientSecret: `s-${randomBytes(12).toString('hex')}` };
const OTHER_APP = { clientId: 'other-app', clientSecret: `o-${randomBytes(12).toString('hex')}` };
const USERS = {
  alice: 'alice@tenant-a.test',
  bob: 'bob@tenant-a.test',
  carol: 'carol@tenant-a.test',
};

let oidc: OidcProviderServer;
let orchestrator: OrchestratorTestbed;
let baseUrl: string;
let tenantA: string;

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const redirectUris = [`${baseUrl}/api/admin/sso/callback`];
  const [postgres, nats, provider] = await Promise.all([
    startPostgres(),
    startNats(),
    startOidcProvider({
      clients: [
        { ...CLIENT, redirectUris },
        { ...OTHER_APP, redirectUris },
      ],
      users: USERS,
      profileClaims: ['btsx_role', 'btsx_tenant'],
    }),
  ]);
  oidc = provider;
  orchestrator = await startOrchestratorTestbed({
    postgres,
    nats,
    env: {
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      BTSX_ADMIN_EMAIL: ROOT.email,
      BTSX_ADMIN_PASSWORD: ROOT.password,
      // The provider listens on loopback.
      BTSX_ALLOW_PRIVATE_HOSTS: 'true',
      ADMIN_OIDC_ISSUER: oidc.issuer,
      ADMIN_OIDC_CLIENT_ID: CLIENT.clientId,
      ADMIN_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      ADMIN_OIDC_LABEL: 'Test IdP',
    },
  });
  tenantA = await createTenant('Tenant A');
});

afterAll(async () => {
  await orchestrator?.close();
  await oidc?.stop();
});

async function createTenant(name: string): Promise<string> {
  const jar = new CookieJar();
  const login = await jar.fetch(`${baseUrl}/api/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ROOT),
  });
  const { csrfToken } = (await login.json()) as AdminSessionView;
  const created = await jar.fetch(`${baseUrl}/api/admin/tenants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-xsrf-token': csrfToken },
    body: JSON.stringify({ name }),
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

interface SignInOptions {
  /** Changes the authorization request on its way to the provider. */
  authorization?: (url: URL) => void;
  /** Changes the provider's redirect back on its way to the callback. */
  callback?: (url: URL) => void;
}

/** A browser signing in: start, the provider's pages, the callback. Returns where it lands. */
async function ssoSignIn(login: string, options: SignInOptions = {}) {
  const jar = new CookieJar();
  const start = await jar.fetch(`${baseUrl}/api/admin/sso/start`);
  expect(start.status).toBe(302);
  const authorization = new URL(start.headers.get('location')!);
  options.authorization?.(authorization);
  const callback = new URL(
    await oidc.login({ authorizationUrl: authorization.toString(), login, jar }),
  );
  options.callback?.(callback);
  const landed = await jar.fetch(callback.toString());
  expect(landed.status).toBe(302);
  return { jar, start, location: new URL(landed.headers.get('location')!) };
}

async function me(jar: CookieJar): Promise<Response> {
  return jar.fetch(`${baseUrl}/api/admin/me`);
}

function activityOf(label: string): Promise<{ action: string; detail: object }[]> {
  return orchestrator.app
    .get(DataSource)
    .query(
      `SELECT action, detail FROM orchestrator.admin_activity WHERE target_label = $1 ORDER BY id`,
      [label],
    );
}

function expectRefused(location: URL, code: string): void {
  expect(location.pathname).toBe('/admin/login');
  expect(location.searchParams.get('sso_error')).toBe(code);
}

describe('admin single sign-on', () => {
  it('says it is on, and with which label', async () => {
    const response = await fetch(`${baseUrl}/api/admin/sso`);
    expect(await response.json()).toEqual({ enabled: true, label: 'Test IdP' });
  });

  it("makes a viewer of tenant A from the provider's claims, in a session of its own", async () => {
    await oidc.setAccount('alice', { claims: { btsx_role: 'viewer', btsx_tenant: 'Tenant A' } });
    const { jar, start, location } = await ssoSignIn('alice');

    const pendingCookie = start.headers.getSetCookie().find((c) => c.startsWith('btsx_sso='));
    expect(pendingCookie).toMatch(/HttpOnly/i);
    expect(pendingCookie).toMatch(/SameSite=Lax/i);
    expect(pendingCookie).toMatch(/Path=\/api\/admin\/sso/i);
    expect(location.toString()).toBe(`${baseUrl}/admin`);
    const session = (await (await me(jar)).json()) as AdminSessionView;
    expect(session).toMatchObject({ email: USERS.alice, role: 'viewer', tenantId: tenantA });
    expect(session.tenants.map((t) => t.id)).toEqual([tenantA]);
    expect(await activityOf(USERS.alice)).toEqual([
      { action: 'admin.signed-in', detail: { via: 'sso' } },
    ]);
    // The provider vouches for the admin; there is no password to guess.
    const password = await fetch(`${baseUrl}/api/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: USERS.alice, password: 'any-password-at-all' }),
    });
    expect(password.status).toBe(401);
  });

  it('follows a changed role claim at the next sign-in and ends the older session', async () => {
    await oidc.setAccount('bob', { claims: { btsx_role: 'viewer', btsx_tenant: tenantA } });
    const first = await ssoSignIn('bob');
    expect((await me(first.jar)).status).toBe(200);

    await oidc.setAccount('bob', { claims: { btsx_role: 'operator', btsx_tenant: tenantA } });
    const second = await ssoSignIn('bob');
    const session = (await (await me(second.jar)).json()) as AdminSessionView;
    expect(session).toMatchObject({ email: USERS.bob, role: 'operator', tenantId: tenantA });
    expect((await me(first.jar)).status).toBe(401);
    expect((await activityOf(USERS.bob)).map((row) => row.action)).toEqual([
      'admin.signed-in',
      'admin.role-changed',
      'admin.signed-in',
    ]);
  });

  it('refuses a tenant claim naming no tenant, and a role claim naming no role', async () => {
    const email = 'carol@tenant-a.test';
    await oidc.setAccount('carol', { claims: { btsx_role: 'viewer', btsx_tenant: 'Tenant Z' } });
    const unknownTenant = await ssoSignIn('carol');
    expectRefused(unknownTenant.location, 'tenant');
    expect(unknownTenant.jar.header(baseUrl)).not.toMatch(/btsx_admin=/);

    await oidc.setAccount('carol', { claims: { btsx_role: 'admin', btsx_tenant: 'Tenant A' } });
    expectRefused((await ssoSignIn('carol')).location, 'role');
    expect(await activityOf(email)).toEqual([
      { action: 'admin.sign-in-failed', detail: { via: 'sso', reason: 'tenant' } },
      { action: 'admin.sign-in-failed', detail: { via: 'sso', reason: 'role' } },
    ]);
    const users = await orchestrator.app
      .get(DataSource)
      .query(`SELECT 1 FROM orchestrator.admin_users WHERE email = $1`, [email]);
    expect(users).toEqual([]);
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    await oidc.setAccount('alice', { claims: { btsx_role: 'viewer', btsx_tenant: 'Tenant A' } });
    const { jar, location } = await ssoSignIn('alice', {
      callback: (url) => url.searchParams.set('state', 'forged-state'),
    });
    expectRefused(location, 'expired');
    expect((await me(jar)).status).toBe(401);
  });

  it('refuses an ID token carrying another nonce', async () => {
    const { jar, location } = await ssoSignIn('alice', {
      authorization: (url) => url.searchParams.set('nonce', 'forged-nonce'),
    });
    expectRefused(location, 'token');
    expect((await me(jar)).status).toBe(401);
  });

  it('refuses an ID token issued for another client', async () => {
    await oidc.setAccount('alice', {
      claims: { btsx_role: 'viewer', btsx_tenant: 'Tenant A' },
      idTokenAudience: OTHER_APP.clientId,
    });
    const { jar, location } = await ssoSignIn('alice');
    expectRefused(location, 'token');
    expect((await me(jar)).status).toBe(401);
  });
});
