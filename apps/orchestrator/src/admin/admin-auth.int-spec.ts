// Admin sign-in, sessions, CSRF, API tokens and invitations against a real Postgres and
// NATS, through the orchestrator's real HTTP stack.
import { startNats, startPostgres } from '@btsx/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import { request as httpRequest } from 'node:http';
import { DataSource } from 'typeorm';
import { OrchestratorTestbed, startOrchestratorTestbed } from '../orchestrator-testbed';
import { MAX_LOGIN_ATTEMPTS } from './login-rate-limit.guard';

const ADMIN = { email: 'root@btsx.test', password: 'first-admin-Secret-1' };

let orchestrator: OrchestratorTestbed;
let app: NestExpressApplication;
let baseUrl: string;

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  orchestrator = await startOrchestratorTestbed({
    postgres,
    nats,
    env: { BTSX_ADMIN_EMAIL: ADMIN.email, BTSX_ADMIN_PASSWORD: ADMIN.password },
  });
  ({ app, baseUrl } = orchestrator);
});

afterAll(() => orchestrator?.close());

interface Session {
  cookie: string;
  csrf: string;
}

function call(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, init);
}

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function login(email = ADMIN.email, password = ADMIN.password): Promise<Session> {
  const response = await post('/api/admin/login', { email, password });
  expect(response.status).toBe(200);
  const cookies = response.headers.getSetCookie();
  const session = cookies.find((c) => c.startsWith('btsx_admin='));
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: session!.split(';')[0], csrf: body.csrfToken };
}

describe('admin accounts', () => {
  it('answers 401 to every admin route without a session or token', async () => {
    for (const [method, path] of [
      ['GET', '/api/admin/me'],
      ['GET', '/api/admin/batches'],
      ['POST', '/api/admin/batches'],
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/invitations'],
      ['POST', '/api/admin/tokens'],
      ['POST', '/api/admin/batches/8a4a8f0e-4a55-4e0c-9a0a-6e7e2f7f5d11/cancel'],
    ]) {
      const response = await call(path, { method });
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
    }
  });

  it('signs the first admin in with httpOnly, SameSite cookies and refuses a wrong password', async () => {
    expect((await post('/api/admin/login', { ...ADMIN, password: 'wrong-password' })).status).toBe(
      401,
    );
    expect(
      (await post('/api/admin/login', { email: 'nobody@btsx.test', password: 'x' })).status,
    ).toBe(401);
    const response = await post('/api/admin/login', ADMIN);
    const [session, csrf] = ['btsx_admin=', 'XSRF-TOKEN='].map((name) =>
      response.headers.getSetCookie().find((c) => c.startsWith(name)),
    );
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    // Plain HTTP from localhost: a Secure cookie would never come back.
    expect(session).not.toMatch(/Secure/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    const me = await call('/api/admin/me', { headers: { cookie: session!.split(';')[0] } });
    expect(await me.json()).toMatchObject({ email: ADMIN.email });
  });

  it('marks the session cookie Secure for any host but localhost', async () => {
    // fetch() does not let a caller choose the Host header; node:http does.
    const cookies = await new Promise<string[]>((resolve, reject) => {
      const body = JSON.stringify(ADMIN);
      const request = httpRequest(`${baseUrl}/api/admin/login`, {
        method: 'POST',
        headers: { host: 'btsx.example.com', 'content-type': 'application/json' },
      });
      request.on('response', (response) => resolve(response.headers['set-cookie'] ?? []));
      request.on('error', reject);
      request.end(body);
    });
    expect(cookies.find((c) => c.startsWith('btsx_admin='))).toMatch(/; Secure/i);
  });

  it('changes nothing for a cookie without the matching CSRF token', async () => {
    const { cookie, csrf } = await login();
    const create = (headers: Record<string, string>) =>
      post('/api/admin/tokens', { name: 'ci' }, { cookie, ...headers });
    expect((await create({})).status).toBe(403);
    expect((await create({ 'x-xsrf-token': `${csrf}x` })).status).toBe(403);
    expect((await create({ 'x-xsrf-token': csrf })).status).toBe(201);
    // Another session's CSRF token does not fit this session.
    const other = await login();
    expect((await create({ 'x-xsrf-token': other.csrf })).status).toBe(403);
  });

  it('cannot be fooled by a forged, altered or misused token', async () => {
    const { cookie, csrf } = await login();
    const token = cookie.slice('btsx_admin='.length);
    const altered = `${token.slice(0, -2)}${token.endsWith('A') ? 'BB' : 'AA'}`;
    const forged = 'btsx_session_' + 'A'.repeat(43);
    /** Not valid percent-encoding: decoding it throws, which must not become a 500. */
    const malformed = '%E0%A4%A';
    const apiToken = (await (
      await post('/api/admin/tokens', { name: 'x' }, { cookie, 'x-xsrf-token': csrf })
    ).json()) as { token: string };
    for (const value of [altered, forged, malformed, csrf, apiToken.token]) {
      const response = await call('/api/admin/me', { headers: { cookie: `btsx_admin=${value}` } });
      expect({ value, status: response.status }).toEqual({ value, status: 401 });
    }
    const asBearer = await call('/api/admin/me', { headers: { authorization: `Bearer ${token}` } });
    expect(asBearer.status).toBe(401);
  });

  it('takes a bearer API token without CSRF until it is revoked, and ends a session on logout', async () => {
    const { cookie, csrf } = await login();
    const created = (await (
      await post('/api/admin/tokens', { name: 'automation' }, { cookie, 'x-xsrf-token': csrf })
    ).json()) as { id: string; token: string };
    const bearer = { authorization: `Bearer ${created.token}` };
    expect((await post('/api/admin/tokens', { name: 'more' }, bearer)).status).toBe(201);
    const listed = (await (await call('/api/admin/tokens', { headers: bearer })).json()) as {
      name: string;
    }[];
    expect(listed.map((t) => t.name)).toEqual(expect.arrayContaining(['automation', 'more']));
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const revoke = await call(`/api/admin/tokens/${created.id}`, {
      method: 'DELETE',
      headers: { cookie, 'x-xsrf-token': csrf },
    });
    expect(revoke.status).toBe(204);
    expect((await call('/api/admin/me', { headers: bearer })).status).toBe(401);

    expect((await post('/api/admin/logout', {}, { cookie, 'x-xsrf-token': csrf })).status).toBe(
      204,
    );
    expect((await call('/api/admin/me', { headers: { cookie } })).status).toBe(401);
  });

  it('lets an admin invite another, whose invitation works once', async () => {
    const { cookie, csrf } = await login();
    const invited = (await (
      await post(
        '/api/admin/invitations',
        { email: 'Second@BTSX.test', role: 'operator' },
        { cookie, 'x-xsrf-token': csrf },
      )
    ).json()) as { email: string; inviteToken: string };
    expect(invited.email).toBe('second@btsx.test');
    // Invited but not accepted: no password works yet.
    expect((await post('/api/admin/login', { email: invited.email, password: '' })).status).toBe(
      400,
    );
    const accept = { token: invited.inviteToken, password: 'second-admin-Secret' };
    expect((await post('/api/admin/invitations/accept', accept)).status).toBe(204);
    expect((await post('/api/admin/invitations/accept', accept)).status).toBe(400);
    await login('second@btsx.test', 'second-admin-Secret');
    const users = await (await call('/api/admin/users', { headers: { cookie } })).json();
    expect(users).toEqual([
      expect.objectContaining({
        email: 'root@btsx.test',
        active: true,
        role: 'owner',
        tenantId: null,
      }),
      expect.objectContaining({ email: 'second@btsx.test', active: true, role: 'operator' }),
    ]);
  });

  it('keeps only hashes of passwords and tokens', async () => {
    const { cookie } = await login();
    const db = app.get(DataSource);
    const [user] = await db.query(
      `SELECT password_hash FROM orchestrator.admin_users WHERE email = $1`,
      [ADMIN.email],
    );
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const rows: { token_hash: Buffer }[] = await db.query(
      `SELECT token_hash FROM orchestrator.admin_tokens`,
    );
    const token = cookie.slice('btsx_admin='.length);
    expect(rows.some((r) => r.token_hash.toString('utf8').includes(token))).toBe(false);
  });

  it(`refuses sign-in attempts past ${MAX_LOGIN_ATTEMPTS} for one account with 429`, async () => {
    const attempt = () =>
      post('/api/admin/login', { email: 'target@btsx.test', password: 'guess' });
    for (let i = 0; i < MAX_LOGIN_ATTEMPTS; i++) expect((await attempt()).status).toBe(401);
    const refused = await attempt();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('describes the admin API with OpenAPI at /api/docs', async () => {
    const document = (await (await call('/api/docs/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/admin/login',
        '/api/admin/batches',
        '/api/admin/batches/{id}/report.csv',
        '/api/jobs',
      ]),
    );
    expect((await call('/api/docs')).status).toBe(200);
  });
});

describe('batch import', () => {
  it('rejects a CSV with bad rows whole, naming the lines, and stores nothing', async () => {
    const { cookie, csrf } = await login();
    const csv = [
      'source_host,source_username,source_password,destination_host,destination_username,destination_password,source_port',
      'old.example,ann@old,pw,new.example,ann@new,pw,993',
      'old.example,bob@old,pw,new.example,bob@new,pw,http',
      'old.example,,pw,new.example,cy@new,pw,',
    ].join('\n');
    const response = await call('/api/admin/batches', {
      method: 'POST',
      headers: { cookie, 'x-xsrf-token': csrf, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { details: string[] };
    expect(body.details).toEqual([
      'line 3: source_port must be a port number',
      'line 4: source_username is required',
    ]);
    const [{ count }] = await app
      .get(DataSource)
      .query(`SELECT count(*)::int AS count FROM orchestrator.batches`);
    expect(count).toBe(0);
  });
});
