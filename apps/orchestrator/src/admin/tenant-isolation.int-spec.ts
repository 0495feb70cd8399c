// Tenants and roles through the orchestrator's real HTTP stack, on a real Postgres and NATS:
// every admin and job route, two tenants, each role; sessions ending on a role change or
// removal; API token expiry and last use; the scheduler's share per tenant; and every route
// naming who may call it.
import { AdminRole, ADMIN_ROLES, roleAllows, SUBJECTS, TenantView } from '@btsx/contracts';
import { startNats, startPostgres } from '@btsx/testing';
import { RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { JSONCodec, Msg } from 'nats';
import { BatchItemEntity } from '../batches/batch-item.entity';
import { JobAccessGuard, TENANT_JOB_ROLE } from '../jobs/job-access.guard';
import { JobEntity } from '../jobs/job.entity';
import { newJobRow } from '../jobs/new-job';
import {
  eventually,
  OrchestratorTestbed,
  startOrchestratorTestbed,
  tlsEndpoint,
} from '../orchestrator-testbed';
import { AdminAuthGuard } from './admin-auth.guard';
import { ADMIN_ROLE_REQUIREMENT } from './admin-roles';

const MSP = { email: 'msp@btsx.test', password: 'msp-owner-Secret-1' };
const UNKNOWN_ID = '8a4a8f0e-4a55-4e0c-9a0a-6e7e2f7f5d11';

let orchestrator: OrchestratorTestbed;
let msp: Headers;
/** Bearer headers of a token per tenant and role. */
const tokens: Record<'A' | 'B', Record<AdminRole, Record<string, string>>> = {
  A: {} as Record<AdminRole, Record<string, string>>,
  B: {} as Record<AdminRole, Record<string, string>>,
};
const tenant: Record<'A' | 'B', TenantView> = {} as Record<'A' | 'B', TenantView>;

type Headers = Record<string, string>;

function call(method: string, path: string, headers: Headers = {}, body?: unknown) {
  return fetch(`${orchestrator.baseUrl}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function json<T>(method: string, path: string, headers: Headers, body?: unknown) {
  const response = await call(method, path, headers, body);
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A signed-in session's headers: the cookie, and the CSRF token every change needs. */
async function login(email: string, password: string): Promise<Headers> {
  const response = await call('POST', '/api/admin/login', {}, { email, password });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('btsx_admin='));
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: cookie!.split(';')[0], 'x-xsrf-token': csrfToken };
}

async function bearer(role: AdminRole, tenantId: string | undefined, by = msp) {
  const created = await json<{ token: string }>('POST', '/api/admin/tokens', by, {
    name: `${role}-${tenantId ?? 'msp'}`,
    role,
    tenantId,
  });
  return { authorization: `Bearer ${created.token}` };
}

/** A paused batch without items: nothing of it runs while the routes are tried on it. */
async function newBatch(tenantId: string): Promise<string> {
  const id = randomUUID();
  await orchestrator.db.query(
    `INSERT INTO orchestrator.batches
       (id, name, tenant_id, intent, concurrency, per_host_limit, created_by, created_at)
     VALUES ($1, $2, $3, 'paused', 2, 2, 'test', now())`,
    [id, `batch ${id}`, tenantId],
  );
  return id;
}

/** A finished job of the tenant (a batch's), or without one (the start page's). */
async function newJob(tenantId: string | null): Promise<string> {
  const id = randomUUID();
  const accounts = {
    source: tlsEndpoint('old.example', 'ann'),
    destination: tlsEndpoint('new.example', 'ann'),
  };
  const options = {
    deleteSource: false,
    foldersOnly: false,
    progressUpdates: true,
    reconcileExisting: false,
  };
  await orchestrator.db.getRepository(JobEntity).insert({
    ...newJobRow(id, options, accounts, null, tenantId),
    status: 'completed',
    finishedAt: new Date(),
  });
  return id;
}

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  orchestrator = await startOrchestratorTestbed({
    postgres,
    nats,
    env: { BTSX_ADMIN_EMAIL: MSP.email, BTSX_ADMIN_PASSWORD: MSP.password },
  });
  msp = await login(MSP.email, MSP.password);
  for (const name of ['A', 'B'] as const) {
    tenant[name] = await json<TenantView>('POST', '/api/admin/tenants', msp, {
      name: `Customer ${name}`,
    });
    for (const role of ADMIN_ROLES) tokens[name][role] = await bearer(role, tenant[name].id);
  }
});

afterAll(() => orchestrator?.close());

/** A route of a batch; `allowed` lists the answers it gives when the caller may call it. */
interface BatchRoute {
  method: string;
  path: string;
  role: AdminRole;
  body?: unknown;
}

const BATCH_ROUTES: BatchRoute[] = [
  { method: 'GET', path: '', role: 'viewer' },
  { method: 'GET', path: '/items', role: 'viewer' },
  { method: 'GET', path: '/failure-reasons', role: 'viewer' },
  { method: 'GET', path: '/throughput', role: 'viewer' },
  { method: 'GET', path: '/failed-messages', role: 'viewer' },
  { method: 'GET', path: '/failed-messages.csv', role: 'viewer' },
  { method: 'GET', path: '/report.csv', role: 'viewer' },
  { method: 'POST', path: '/pause', role: 'operator' },
  { method: 'POST', path: '/resume', role: 'operator' },
  { method: 'POST', path: '/cancel', role: 'operator' },
  { method: 'POST', path: '/retry', role: 'operator' },
  { method: 'POST', path: '/delta', role: 'operator' },
  { method: 'POST', path: '/final', role: 'operator' },
  { method: 'PUT', path: '/schedule', role: 'operator', body: { everyHours: 6, timeZone: 'UTC' } },
  { method: 'PUT', path: '/limits', role: 'operator', body: { concurrency: 3, perHostLimit: 1 } },
  { method: 'DELETE', path: '', role: 'operator' },
];

const JOB_ROUTES: BatchRoute[] = [
  { method: 'GET', path: '', role: 'viewer' },
  { method: 'GET', path: '/events', role: 'viewer' },
  { method: 'GET', path: '/audit/report.csv', role: 'viewer' },
  { method: 'GET', path: '/audit/report.json', role: 'viewer' },
  { method: 'POST', path: '/cancel', role: 'operator', body: {} },
  { method: 'POST', path: '/restart', role: 'operator', body: {} },
  { method: 'POST', path: '/verify', role: 'operator', body: {} },
  { method: 'DELETE', path: '', role: 'operator' },
];

const CASES = ADMIN_ROLES.flatMap((role) =>
  BATCH_ROUTES.map((route) => ({ ...route, caller: role })),
);
const JOB_CASES = ADMIN_ROLES.flatMap((role) =>
  JOB_ROUTES.map((route) => ({ ...route, caller: role })),
);

/** Neither refused nor hidden: what the route says of the batch or job itself. */
const REACHED = (status: number) => ![401, 403, 404].includes(status);

describe('batches of two tenants', () => {
  it.each(CASES)(
    "$caller of tenant A: $method batches/:id$path answers 404 on tenant B's batch, like on none",
    async ({ method, path, body, caller }) => {
      const other = await call(
        method,
        `/api/admin/batches/${await newBatch(tenant.B.id)}${path}`,
        tokens.A[caller],
        body,
      );
      const none = await call(
        method,
        `/api/admin/batches/${UNKNOWN_ID}${path}`,
        tokens.A[caller],
        body,
      );
      // Below the route's role the answer is 403 whatever the id: it tells nothing either.
      expect(other.status).toBe(none.status);
      expect([403, 404]).toContain(other.status);
    },
  );

  it.each(CASES)(
    '$caller of tenant A: $method batches/:id$path on its own batch needs $role',
    async ({ method, path, body, role, caller }) => {
      const own = await call(
        method,
        `/api/admin/batches/${await newBatch(tenant.A.id)}${path}`,
        tokens.A[caller],
        body,
      );
      if (roleAllows(caller, role)) expect(REACHED(own.status)).toBe(true);
      else expect(own.status).toBe(403);
    },
  );

  it("lists only the caller's tenant's batches; an MSP admin sees all, or one tenant's", async () => {
    const [a, b] = [await newBatch(tenant.A.id), await newBatch(tenant.B.id)];
    const ids = async (headers: Headers, query = '') =>
      (await json<{ id: string }[]>('GET', `/api/admin/batches${query}`, headers)).map((x) => x.id);
    expect(await ids(tokens.A.viewer)).toContain(a);
    expect(await ids(tokens.A.viewer)).not.toContain(b);
    expect(await ids(msp)).toEqual(expect.arrayContaining([a, b]));
    expect(await ids(msp, `?tenant=${tenant.B.id}`)).toContain(b);
    expect(await ids(msp, `?tenant=${tenant.B.id}`)).not.toContain(a);
    expect(
      (await call('GET', `/api/admin/batches?tenant=${tenant.B.id}`, tokens.A.viewer)).status,
    ).toBe(404);
  });

  it("imports into the caller's tenant: another tenant is 404, a viewer 403", async () => {
    const csv = { 'content-type': 'text/csv' };
    const importAs = (headers: Headers, query = '') =>
      fetch(`${orchestrator.baseUrl}/api/admin/batches${query}`, {
        method: 'POST',
        headers: { ...headers, ...csv },
        body: 'not,a,batch',
      });
    expect((await importAs(tokens.A.operator, `?tenant=${tenant.B.id}`)).status).toBe(404);
    expect((await importAs(tokens.A.viewer)).status).toBe(403);
    // Past the tenant and role checks, the CSV itself is refused.
    expect((await importAs(tokens.A.operator, `?tenant=${tenant.A.id}`)).status).toBe(400);
    expect((await importAs(msp, `?tenant=${UNKNOWN_ID}`)).status).toBe(404);
  });
});

describe('jobs of a tenant at /api/jobs/:id', () => {
  it.each(JOB_CASES)(
    "$caller of tenant A: $method jobs/:id$path is 404 on B's job, needs $role on its own",
    async ({ method, path, body, role, caller }) => {
      const other = await call(
        method,
        `/api/jobs/${await newJob(tenant.B.id)}${path}`,
        tokens.A[caller],
        body,
      );
      expect(other.status).toBe(404);
      const own = await call(
        method,
        `/api/jobs/${await newJob(tenant.A.id)}${path}`,
        tokens.A[caller],
        body,
      );
      if (roleAllows(caller, role)) expect(REACHED(own.status)).toBe(true);
      else expect(own.status).toBe(403);
    },
  );

  it.each(JOB_ROUTES)(
    "anyone without an admin: $method jobs/:id$path is 404 on a tenant's job",
    async ({ method, path, body }) => {
      const response = await call(
        method,
        `/api/jobs/${await newJob(tenant.A.id)}${path}`,
        {},
        body,
      );
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ message: 'No such job' });
    },
  );

  it('keeps the bookmark model for a job without a tenant, and lets MSP admins see every job', async () => {
    expect((await call('GET', `/api/jobs/${await newJob(null)}`)).status).toBe(200);
    const mspViewer = await bearer('viewer', undefined);
    expect((await call('GET', `/api/jobs/${await newJob(tenant.B.id)}`, mspViewer)).status).toBe(
      200,
    );
    expect((await call('GET', `/api/jobs/${await newJob(tenant.B.id)}`, msp)).status).toBe(200);
  });

  it('wants the CSRF token of a session that changes a tenant job', async () => {
    const id = await newJob(tenant.A.id);
    const { cookie } = msp;
    expect((await call('DELETE', `/api/jobs/${id}`, { cookie })).status).toBe(403);
    expect((await call('DELETE', `/api/jobs/${id}`, msp)).status).toBe(204);
  });
});

describe('admins, tokens and tenants of two tenants', () => {
  it('shows each admin its role, its tenant and the tenants it sees', async () => {
    const me = await json<{ role: string; tenantId: string | null; tenants: TenantView[] }>(
      'GET',
      '/api/admin/me',
      tokens.A.viewer,
    );
    expect(me).toMatchObject({ role: 'viewer', tenantId: tenant.A.id });
    expect(me.tenants.map((t) => t.id)).toEqual([tenant.A.id]);
    const all = await json<{ tenantId: null; tenants: TenantView[] }>('GET', '/api/admin/me', msp);
    expect(all.tenantId).toBeNull();
    expect(all.tenants.map((t) => t.name)).toEqual(['Customer A', 'Customer B', 'Default']);
    const listed = await json<TenantView[]>('GET', '/api/admin/tenants', tokens.B.viewer);
    expect(listed.map((t) => t.id)).toEqual([tenant.B.id]);
  });

  it.each(['viewer', 'operator'] as const)(
    'refuses a %s of tenant A every management route with 403',
    async (role) => {
      const h = tokens.A[role];
      for (const [method, path, body] of [
        ['GET', '/api/admin/users'],
        ['POST', '/api/admin/invitations', { email: 'x@btsx.test', role: 'viewer' }],
        ['PATCH', `/api/admin/users/${UNKNOWN_ID}`, { role: 'viewer' }],
        ['DELETE', `/api/admin/users/${UNKNOWN_ID}`],
        ['GET', '/api/admin/tokens'],
        ['POST', '/api/admin/tokens', { name: 'x' }],
        ['DELETE', `/api/admin/tokens/${UNKNOWN_ID}`],
        ['POST', '/api/admin/tenants', { name: 'Mine' }],
        ['PATCH', `/api/admin/tenants/${tenant.A.id}`, { concurrency: 5 }],
        ['DELETE', `/api/admin/tenants/${tenant.A.id}`],
        ['GET', '/api/admin/activity'],
        ['GET', '/api/admin/activity.csv'],
      ] as [string, string, unknown?][]) {
        const response = await call(method, path, h, body);
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
      }
    },
  );

  it("shows a tenant's owner its tenant's activity alone; the other tenant's is 404", async () => {
    type Row = { action: string; tenantId: string | null; target: { id: string } };
    const own = await json<{ items: Row[] }>('GET', '/api/admin/activity', tokens.A.owner);
    expect(own.items.filter((row) => row.action === 'token.created')).toHaveLength(3);
    expect(own.items.every((row) => row.tenantId === tenant.A.id)).toBe(true);
    const other = `/api/admin/activity?tenant=${tenant.B.id}`;
    expect((await call('GET', other, tokens.A.owner)).status).toBe(404);
    expect(
      (await call('GET', `/api/admin/activity.csv?tenant=${tenant.B.id}`, tokens.A.owner)).status,
    ).toBe(404);
    const all = await json<{ items: Row[] }>(
      'GET',
      '/api/admin/activity?action=token.created',
      msp,
    );
    const tenants = all.items.map((row) => row.tenantId);
    expect(tenants).toEqual(expect.arrayContaining([tenant.A.id, tenant.B.id]));
    const made = await json<{ items: Row[] }>(
      'GET',
      '/api/admin/activity?action=tenant.created',
      msp,
    );
    const madeIds = made.items.map((row) => row.target.id);
    expect(madeIds).toEqual(expect.arrayContaining([tenant.A.id, tenant.B.id]));
  });

  it("keeps a tenant's owner to its own tenant: the other's admins and tokens are 404", async () => {
    const ownerA = tokens.A.owner;
    const invitedB = await json<{ id: string }>('POST', '/api/admin/invitations', msp, {
      email: 'b-admin@btsx.test',
      role: 'viewer',
      tenantId: tenant.B.id,
    });
    const tokenB = (await json<{ id: string }[]>('GET', '/api/admin/tokens', tokens.B.owner))[0];
    for (const [method, path, body] of [
      ['PATCH', `/api/admin/users/${invitedB.id}`, { role: 'operator' }],
      ['DELETE', `/api/admin/users/${invitedB.id}`],
      ['DELETE', `/api/admin/tokens/${tokenB.id}`],
      [
        'POST',
        '/api/admin/invitations',
        { email: 'y@btsx.test', role: 'viewer', tenantId: tenant.B.id },
      ],
      ['POST', '/api/admin/tokens', { name: 'x', tenantId: tenant.B.id }],
      ['GET', `/api/admin/users?tenant=${tenant.B.id}`],
      ['GET', `/api/admin/tokens?tenant=${tenant.B.id}`],
    ] as [string, string, unknown?][]) {
      const response = await call(method, path, ownerA, body);
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 });
    }
    const users = await json<{ email: string }[]>('GET', '/api/admin/users', ownerA);
    expect(users.map((u) => u.email)).not.toContain('b-admin@btsx.test');
    expect(users.map((u) => u.email)).not.toContain(MSP.email);
    const listed = await json<{ tenantId: string }[]>('GET', '/api/admin/tokens', ownerA);
    expect(new Set(listed.map((t) => t.tenantId))).toEqual(new Set([tenant.A.id]));
    // Tenant B's owner may, within B.
    expect(
      (await call('PATCH', `/api/admin/users/${invitedB.id}`, tokens.B.owner, { role: 'operator' }))
        .status,
    ).toBe(200);
  });

  it('lets an MSP owner manage tenants, and refuses to delete one that has batches', async () => {
    const created = await json<TenantView>('POST', '/api/admin/tenants', msp, {
      name: 'Short-lived',
    });
    expect(created.effectiveConcurrency).toBe(200);
    const changed = await json<TenantView>('PATCH', `/api/admin/tenants/${created.id}`, msp, {
      concurrency: 7,
    });
    expect(changed).toMatchObject({ concurrency: 7, effectiveConcurrency: 7 });
    expect((await call('POST', '/api/admin/tenants', msp, { name: 'Short-lived' })).status).toBe(
      409,
    );
    const batch = await newBatch(created.id);
    expect((await call('DELETE', `/api/admin/tenants/${created.id}`, msp)).status).toBe(409);
    expect((await call('DELETE', `/api/admin/batches/${batch}`, msp)).status).toBe(204);
    const job = await newJob(created.id);
    expect((await call('DELETE', `/api/admin/tenants/${created.id}`, msp)).status).toBe(204);
    expect((await call('GET', `/api/jobs/${job}`, msp)).status).toBe(404);
    expect(
      (await call('DELETE', `/api/admin/tenants/00000000-0000-4000-8000-000000000001`, msp)).status,
    ).toBe(409);
  });
});

describe('sessions and tokens', () => {
  async function invitedAdmin(
    email: string,
    role: AdminRole,
  ): Promise<{ id: string; password: string }> {
    const password = `${role}-admin-Secret-1`;
    const invited = await json<{ id: string; inviteToken: string }>(
      'POST',
      '/api/admin/invitations',
      msp,
      {
        email,
        role,
        tenantId: tenant.A.id,
      },
    );
    const accepted = await call(
      'POST',
      '/api/admin/invitations/accept',
      {},
      { token: invited.inviteToken, password },
    );
    expect(accepted.status).toBe(204);
    return { id: invited.id, password };
  }

  it("ends an admin's open sessions when its role changes, and when it is removed", async () => {
    const email = 'changing@btsx.test';
    const admin = await invitedAdmin(email, 'operator');
    const session = await login(email, admin.password);
    const me = () => call('GET', '/api/admin/me', { cookie: session.cookie });
    expect((await me()).status).toBe(200);
    await json('PATCH', `/api/admin/users/${admin.id}`, msp, { role: 'viewer' });
    expect((await me()).status).toBe(401);
    const again = await login(email, admin.password);
    expect(await json('GET', '/api/admin/me', again)).toMatchObject({ role: 'viewer' });
    expect((await call('DELETE', `/api/admin/users/${admin.id}`, msp)).status).toBe(204);
    expect((await call('GET', '/api/admin/me', again)).status).toBe(401);
    expect(
      (await call('POST', '/api/admin/login', {}, { email, password: admin.password })).status,
    ).toBe(401);
  });

  it('lets no owner change or remove itself', async () => {
    const me = (await json<{ id: string; email: string }[]>('GET', '/api/admin/users', msp)).find(
      (u) => u.email === MSP.email,
    );
    expect(
      (await call('PATCH', `/api/admin/users/${me!.id}`, msp, { role: 'viewer' })).status,
    ).toBe(400);
    expect((await call('DELETE', `/api/admin/users/${me!.id}`, msp)).status).toBe(400);
  });

  it('never lets a token do more than the admin who made it, and ends it with that admin', async () => {
    const email = 'maker@btsx.test';
    const admin = await invitedAdmin(email, 'owner');
    const session = await login(email, admin.password);
    const token = await bearer('owner', undefined, session);
    expect(await json('GET', '/api/admin/me', token)).toMatchObject({
      role: 'owner',
      tenantId: tenant.A.id,
    });
    await json('PATCH', `/api/admin/users/${admin.id}`, msp, { role: 'operator' });
    expect(await json('GET', '/api/admin/me', token)).toMatchObject({ role: 'operator' });
    expect((await call('GET', '/api/admin/tokens', token)).status).toBe(403);
    expect((await call('DELETE', `/api/admin/users/${admin.id}`, msp)).status).toBe(204);
    expect((await call('GET', '/api/admin/me', token)).status).toBe(401);
  });

  it('records when a token was last used and refuses it once it expired', async () => {
    const past = new Date(Date.now() - 1000).toISOString();
    expect(
      (await call('POST', '/api/admin/tokens', msp, { name: 'late', expiresAt: past })).status,
    ).toBe(400);
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    const created = await json<{ id: string; token: string; expiresAt: string }>(
      'POST',
      '/api/admin/tokens',
      msp,
      {
        name: 'expiring',
        role: 'viewer',
        tenantId: tenant.A.id,
        expiresAt,
      },
    );
    expect(created.expiresAt).toBe(expiresAt);
    const listed = () =>
      json<{ id: string; lastUsedAt: string | null }[]>('GET', '/api/admin/tokens', msp);
    expect((await listed()).find((t) => t.id === created.id)?.lastUsedAt).toBeNull();
    const headers = { authorization: `Bearer ${created.token}` };
    expect((await call('GET', '/api/admin/me', headers)).status).toBe(200);
    const used = (await listed()).find((t) => t.id === created.id)?.lastUsedAt;
    expect(Date.now() - Date.parse(used!)).toBeLessThan(60_000);
    await orchestrator.db.query(
      `UPDATE orchestrator.admin_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [created.id],
    );
    expect((await call('GET', '/api/admin/me', headers)).status).toBe(401);
  });
});

describe("the scheduler's share per tenant", () => {
  /** A running batch of `rows` waiting rows whose held source credential names the tenant. */
  async function runningBatch(tenantId: string, rows: number): Promise<string> {
    const id = await newBatch(tenantId);
    await orchestrator.db.getRepository(BatchItemEntity).insert(
      Array.from({ length: rows }, (_, i) => ({
        batchId: id,
        line: i + 2,
        sourceHost: `old${i}.example`,
        sourcePort: 993,
        sourceSecurity: 'tls' as const,
        sourceUsername: 'ann',
        destinationHost: `new${i}.example`,
        destinationPort: 993,
        destinationSecurity: 'tls' as const,
        destinationUsername: 'ann',
        sourceCredentialId: tenantId,
        destinationCredentialId: randomUUID(),
        options: {
          deleteSource: false,
          foldersOnly: false,
          progressUpdates: true,
          reconcileExisting: false,
        },
        phase: 'pending' as const,
        jobId: null,
        runs: 0,
        deltaOf: null,
        error: null,
        phaseChangedAt: new Date(),
      })),
    );
    await orchestrator.db.query(
      `UPDATE orchestrator.batches SET intent = 'running' WHERE id = $1`,
      [id],
    );
    return id;
  }

  it("holds a tenant to its share and starts the tenants' rows in turn", async () => {
    const codec = JSONCodec<{ source: string }>();
    // Stands in for auth's copy of held credentials: holds the first request until the
    // claims are checked, then refuses each for good, so the rows end without a job.
    const asked: string[] = [];
    const held: Msg[] = [];
    let answering = false;
    const refuse = (msg: Msg) =>
      msg.respond(
        JSONCodec().encode({
          ok: false,
          error: { kind: 'credential_not_found', message: 'gone', permanent: true },
        }),
      );
    const subscription = orchestrator.nc.subscribe(SUBJECTS.credentialCopy, {
      callback: (_error, msg) => {
        asked.push(codec.decode(msg.data).source);
        if (answering) refuse(msg);
        else held.push(msg);
      },
    });
    await orchestrator.nc.flush();
    const small = await json<TenantView>('POST', '/api/admin/tenants', msp, {
      name: 'Small share',
      concurrency: 1,
    });
    const other = await json<TenantView>('POST', '/api/admin/tenants', msp, { name: 'Other' });
    const batches = [await runningBatch(small.id, 3), await runningBatch(other.id, 2)];
    const starting = async (batchId: string): Promise<number> => {
      const [{ n }] = await orchestrator.db.query(
        `SELECT count(*)::int AS n FROM orchestrator.batch_items
         WHERE batch_id = $1 AND phase = 'starting'`,
        [batchId],
      );
      return n;
    };
    try {
      await eventually(async () => expect(held.length).toBe(1));
      // The small tenant's batch wants 3 at once, but its share is 1; the other gets both.
      expect([await starting(batches[0]), await starting(batches[1])]).toEqual([1, 2]);
      answering = true;
      held.forEach(refuse);
      await eventually(async () => expect(asked.length).toBeGreaterThanOrEqual(3));
      // One tenant, then the other: the second start is not the first tenant's again.
      expect(asked[0]).not.toBe(asked[1]);
    } finally {
      answering = true;
      held.forEach(refuse);
      await orchestrator.db.query(
        `UPDATE orchestrator.batches SET intent = 'cancelled' WHERE id = ANY($1)`,
        [batches],
      );
      subscription.unsubscribe();
    }
  });
});

/**
 * Why a route needs no role: anyone may call it. Every other route names its least role,
 * checked by a guard it carries.
 */
const PUBLIC_ROUTES: Record<string, string> = {
  'POST /api/admin/login': 'signing in is how an admin gets a session (rate limited)',
  'POST /api/admin/invitations/accept': 'the single-use invitation token is the proof',
  'GET /api/admin/sso': 'the login page asks whether to show the single sign-on button',
  'GET /api/admin/sso/start':
    'single sign-on starts before anyone is signed in; it only redirects to the identity provider',
  'GET /api/admin/sso/callback':
    "the identity provider's signed ID token, for this browser's state and nonce, is the proof (rate limited)",
  'POST /api/jobs':
    "the start page: a job of the caller's own credential tokens, nobody's tenant (rate limited)",
  'POST /api/plans': "the start page: a plan of the caller's own credential tokens (rate limited)",
  'POST /api/schedules': "the start page: a schedule of the caller's own credential tokens",
  'GET /api/schedules/:id': 'a single-user schedule: knowing its random id is the key',
  'POST /api/schedules/:id/final': 'a single-user schedule: knowing its random id is the key',
  'POST /api/schedules/:id/cancel': 'a single-user schedule: knowing its random id is the key',
  'GET /health': 'the liveness probe',
  'GET /health/ready': 'the readiness probe',
  'GET /metrics': 'Prometheus scrapes it; the gateway does not route it from outside',
};

describe('every HTTP route', () => {
  it('names its least role, checked by its guard, or is a public route with a reason', () => {
    const scanner = new MetadataScanner();
    const unguarded: string[] = [];
    const seen: string[] = [];
    for (const module of orchestrator.app.get(ModulesContainer).values()) {
      for (const { metatype } of module.controllers.values()) {
        if (!metatype) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
        const prototype = (metatype as { prototype: object }).prototype;
        for (const name of scanner.getAllMethodNames(prototype)) {
          const handler = (prototype as Record<string, object>)[name];
          const path = Reflect.getMetadata(PATH_METADATA, handler);
          if (path === undefined) continue; // a bus handler, no HTTP route
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
          const route = `${method} ${`/${base}/${path}`.replace(/\/+/g, '/').replace(/\/$/, '') || '/'}`;
          seen.push(route);
          if (!hasRoleCheck(metatype, handler) && !PUBLIC_ROUTES[route]) unguarded.push(route);
        }
      }
    }
    expect(unguarded).toEqual([]);
    // The public list names no route that is gone.
    expect(seen).toEqual(expect.arrayContaining(Object.keys(PUBLIC_ROUTES)));
  });
});

/** A role named on the route (or its controller) and the guard that checks it present. */
function hasRoleCheck(controller: object, handler: object): boolean {
  const guards = [
    ...(Reflect.getMetadata(GUARDS_METADATA, controller) ?? []),
    ...(Reflect.getMetadata(GUARDS_METADATA, handler) ?? []),
  ];
  const adminRole =
    Reflect.getMetadata(ADMIN_ROLE_REQUIREMENT, handler) ??
    Reflect.getMetadata(ADMIN_ROLE_REQUIREMENT, controller);
  if (adminRole && guards.includes(AdminAuthGuard)) return true;
  return Boolean(Reflect.getMetadata(TENANT_JOB_ROLE, handler)) && guards.includes(JobAccessGuard);
}
