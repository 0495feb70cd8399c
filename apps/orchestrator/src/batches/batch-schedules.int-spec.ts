// Batch schedules and the expiry of a batch's stored passwords, against a real Postgres and
// NATS: the orchestrator's HTTP API as an admin's token calls it, a stand-in for auth's vault
// on the bus (store, copy, discard), and the jobs of the lines ended as a cancel ends them.
// Passes two seconds apart (SCHEDULE_MIN_INTERVAL_MS lowered), looked at every 100 ms.
import {
  ActivityPage,
  ActivityView,
  ApiErrorBody,
  BatchItemView,
  BatchView,
  CredentialCopyRequest,
  CredentialDiscardRequest,
  CredentialStoreRequest,
  DAY_MS,
  ImapEndpoint,
  JobView,
  SUBJECTS,
} from '@btsx/contracts';
import { startNats, startPostgres } from '@btsx/testing';
import { JSONCodec } from 'nats';
import { randomUUID } from 'node:crypto';
import { eventually, OrchestratorTestbed, startOrchestratorTestbed } from '../orchestrator-testbed';
import { BatchCredentialExpiry } from './batch-credential-expiry';

const ADMIN = { email: 'root@btsx.test', password: 'first-admin-Secret-1' };
const EVERY_SECONDS = 2;
const EVERY_HOURS = EVERY_SECONDS / 3600;
const PASS_WAIT_MS = 15_000;
const json = JSONCodec();

let orchestrator: OrchestratorTestbed;
let token: string;
/** The stand-in vault: credential id → the account it signs in to (no secret kept). */
const vault = new Map<string, ImapEndpoint>();

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  orchestrator = await startOrchestratorTestbed({
    postgres,
    nats,
    env: {
      BTSX_ADMIN_EMAIL: ADMIN.email,
      BTSX_ADMIN_PASSWORD: ADMIN.password,
      SCHEDULE_MIN_INTERVAL_MS: '1000',
      SCHEDULE_TICK_MS: '100',
      BATCH_TICK_MS: '100',
      BATCH_CREDENTIAL_DAYS: '7',
    },
  });
  standInForVault();
  token = await adminToken();
});

afterAll(() => orchestrator?.close());

describe('a batch schedule', () => {
  it('runs its first pass at its start, a delta pass of every line on its grid, and a final pass on command', async () => {
    const startAt = wholeSecond(Date.now() + 1_500);
    const id = await importBatch(2, {
      everyHours: String(EVERY_HOURS),
      timeZone: 'Europe/Berlin',
      startAt: startAt.toISOString(),
      mirrorDeletions: 'true',
    });
    const scheduled = await batch(id);
    expect(scheduled.schedule).toMatchObject({
      state: 'scheduled',
      passes: [],
      mirrorDeletions: true,
    });
    expect(scheduled.credentials).toMatchObject({ held: true, expiresAt: null });
    expect((await items(id)).map((i) => i.jobId)).toEqual([null, null]);

    // Pass 1: every line's first job, not before the start.
    const first = await waitFor(id, (b) => (b.schedule?.passes.length ?? 0) === 1);
    expect(first.schedule!.passes[0]).toMatchObject({ number: 1, delta: false, lines: 2 });
    expect(new Date(first.schedule!.passes[0].startedAt) >= startAt).toBe(true);
    const nextPassAt = new Date(first.schedule!.nextPassAt!);
    expect((nextPassAt.getTime() - startAt.getTime()) % (EVERY_SECONDS * 1000)).toBe(0);
    const firstJobs = await endLineJobs(id);

    // Pass 2: a delta pass of each line's job, at the slot it was due.
    const second = await waitFor(id, (b) => (b.schedule?.passes.length ?? 0) === 2);
    expect(second.schedule!.passes[0].endedAt).not.toBeNull();
    expect(second.schedule!.passes[1]).toMatchObject({ number: 2, delta: true, lines: 2 });
    expect(new Date(second.schedule!.passes[1].startedAt) >= nextPassAt).toBe(true);
    const secondJobs = await startedJobs(id, firstJobs);
    for (const [n, jobId] of secondJobs.entries()) {
      expect(await orchestrator.getJob(jobId, { authorization: `Bearer ${token}` })).toMatchObject<
        Partial<JobView>
      >({
        delta: true,
        restartedFrom: firstJobs[n],
        options: expect.objectContaining({ mirrorDeletions: true }),
      });
    }

    // The final pass, once pass 2 ended; then the end, and the passwords go.
    expect((await act(id, 'final')).status).toBe(200);
    expect((await batch(id)).schedule).toMatchObject({
      state: 'final-requested',
      nextPassAt: null,
    });
    await endLineJobs(id, firstJobs);
    const final = await waitFor(id, (b) => b.schedule?.passes.at(-1)?.final === true);
    expect(final.schedule!.passes.at(-1)).toMatchObject({ number: 3, delta: true, lines: 2 });
    await endLineJobs(id, secondJobs);
    const done = await waitFor(id, (b) => b.schedule?.state === 'finished' && !b.credentials.held);
    expect(done.credentials.discardedWhy).toBe('its schedule ended');
    expect(done.schedule!.passes.every((p) => p.endedAt !== null)).toBe(true);
    expect(heldFor(id)).toBe(0);
    expect((await act(id, 'final')).status).toBe(409);
    await expectPasswordsGone(await act(id, 'delta'));
    expect(await activityOn(id, 'batch.final-pass')).toHaveLength(1);
  });

  it('a cancel ends the schedule before its first pass and discards the passwords', async () => {
    const startAt = new Date(Date.now() + 3_600_000).toISOString();
    const id = await importBatch(2, { everyHours: '1', timeZone: 'UTC', startAt });
    expect(heldFor(id)).toBe(4);
    expect((await act(id, 'cancel')).status).toBe(200);
    const cancelled = await batch(id);
    expect(cancelled.schedule).toMatchObject({ state: 'cancelled', nextPassAt: null, passes: [] });
    expect(cancelled.credentials).toMatchObject({
      held: false,
      discardedWhy: 'the batch was cancelled',
    });
    expect(heldFor(id)).toBe(0);
  });

  it('can be given to a batch later, and refuses bad times with the reason', async () => {
    const id = await importBatch(1);
    const tooShort = await putSchedule(id, { everyHours: 0.1 / 3600, timeZone: 'UTC' });
    expect(tooShort.status).toBe(400);
    const noZone = await putSchedule(id, { everyHours: 1 });
    expect(noZone.status).toBe(400);
    const noEvery = await putSchedule(id, { timeZone: 'UTC' });
    expect(noEvery.status).toBe(400);
    const startAt = wholeSecond(Date.now() + 3_600_000).toISOString();
    const given = await putSchedule(id, { everyHours: 6, timeZone: 'Asia/Tokyo', startAt });
    expect(given.status).toBe(200);
    expect(((await given.json()) as BatchView).schedule).toMatchObject({
      state: 'scheduled',
      everyHours: 6,
      timeZone: 'Asia/Tokyo',
      nextPassAt: startAt,
    });
    expect((await putSchedule(id, { everyHours: 6, timeZone: 'UTC' })).status).toBe(409);
    const [set] = await activityOn(id, 'batch.schedule-set');
    expect(set.detail).toEqual({ everyHours: 6, timeZone: 'Asia/Tokyo', startAt });
    const badQuery = await importResponse(1, { startAt });
    expect(badQuery.status).toBe(400);
  });
});

describe("a batch's stored passwords", () => {
  it('are deleted BATCH_CREDENTIAL_DAYS after its last pass ended, and only then', async () => {
    const expired = await endedBatch(8);
    const recent = await endedBatch(1);
    const running = await importBatch(1);
    await waitFor(running, async () => (await items(running))[0].state === 'queued');
    const scheduled = await endedBatch(30);
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    expect(
      (await putSchedule(scheduled, { everyHours: 1, timeZone: 'UTC', startAt: inAnHour })).status,
    ).toBe(200);

    const sweep = orchestrator.app.get(BatchCredentialExpiry);
    const purged = await sweep.sweep();
    expect(purged).toContain(expired);
    expect(purged).not.toEqual(expect.arrayContaining([recent, running, scheduled]));
    expect(heldFor(expired)).toBe(0);
    for (const kept of [recent, running, scheduled]) expect(heldFor(kept)).toBe(2);

    const view = await batch(expired);
    expect(view.credentials).toMatchObject({
      held: false,
      discardedWhy: 'kept 7 days after its last pass ended',
    });
    const recentView = await batch(recent);
    expect(recentView.credentials.held).toBe(true);
    expect(Date.parse(recentView.credentials.expiresAt!)).toBeGreaterThan(Date.now() + 5 * DAY_MS);

    // Six days on, the recent one's time is up too.
    expect(await sweep.sweep(new Date(Date.now() + 6.5 * DAY_MS))).toContain(recent);
  });

  it('once deleted, a retry or delta pass says so instead of running', async () => {
    const id = await endedBatch(8);
    await orchestrator.app.get(BatchCredentialExpiry).sweep();
    for (const action of ['retry', 'delta'] as const)
      await expectPasswordsGone(await act(id, action));
  });
});

/** Schedules take times to the second. */
function wholeSecond(ms: number): Date {
  return new Date(Math.ceil(ms / 1000) * 1000);
}

// --- the admin's side -----------------------------------------------------------------------

async function adminToken(): Promise<string> {
  const login = await post('/api/admin/login', ADMIN);
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('btsx_admin='))!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await post(
    '/api/admin/tokens',
    { name: 'int' },
    { cookie: cookie.split(';')[0], 'x-xsrf-token': csrfToken },
  );
  expect(created.status).toBe(201);
  return ((await created.json()) as { token: string }).token;
}

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${orchestrator.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

function admin(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${orchestrator.baseUrl}/api/admin/batches${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  });
}

function importResponse(lines: number, query: Record<string, string> = {}): Promise<Response> {
  const header =
    'source_host,source_username,source_password,destination_host,destination_username,destination_password';
  const rows = Array.from({ length: lines }, () => {
    const user = randomUUID();
    return `old.example.test,${user}@old.test,pw-a,new.example.test,${user}@new.test,pw-b`;
  });
  return admin(`?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: [header, ...rows].join('\n'),
  });
}

async function importBatch(lines: number, query: Record<string, string> = {}): Promise<string> {
  const response = await importResponse(lines, query);
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  await rememberImportedIds(id);
  return id;
}

async function batch(id: string): Promise<BatchView> {
  return (await (await admin(`/${id}`)).json()) as BatchView;
}

async function items(id: string): Promise<BatchItemView[]> {
  return (await (await admin(`/${id}/items`)).json()) as BatchItemView[];
}

/** The activity log's rows of one action on the batch (the refused attempts leave none). */
async function activityOn(id: string, action: string): Promise<ActivityView[]> {
  const response = await fetch(
    `${orchestrator.baseUrl}/api/admin/activity?target=${id}&action=${action}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  return ((await response.json()) as ActivityPage).items;
}

function act(id: string, action: string): Promise<Response> {
  return admin(`/${id}/${action}`, { method: 'POST' });
}

function putSchedule(id: string, body: unknown): Promise<Response> {
  return admin(`/${id}/schedule`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function waitFor(
  id: string,
  done: (batch: BatchView) => boolean | Promise<boolean>,
): Promise<BatchView> {
  return eventually(async () => {
    const view = await batch(id);
    if (!(await done(view))) throw new Error(`batch ${id} not there yet`);
    return view;
  }, PASS_WAIT_MS);
}

/** The jobs the lines run now, once every line has a job other than `before`'s. */
function startedJobs(id: string, before: (string | null)[] = []): Promise<string[]> {
  return eventually(async () => {
    const jobIds = (await items(id)).map((i) => i.jobId);
    if (jobIds.some((j, n) => j === null || j === before[n])) throw new Error('lines not started');
    return jobIds as string[];
  }, PASS_WAIT_MS);
}

/** Ends the job every line runs now (a cancel is an end like any other); answers them. */
async function endLineJobs(id: string, before: (string | null)[] = []): Promise<string[]> {
  const jobIds = await startedJobs(id, before);
  for (const jobId of jobIds) {
    // A batch's job is its tenant's: an admin of it may cancel it, nobody else.
    const response = await fetch(`${orchestrator.baseUrl}/api/jobs/${jobId}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
  }
  return jobIds;
}

/** A batch of one line whose job ended `daysAgo` days ago (as the database dates it). */
async function endedBatch(daysAgo: number): Promise<string> {
  const id = await importBatch(1);
  const [jobId] = await endLineJobs(id);
  await waitFor(id, (b) => b.state === 'completed');
  await orchestrator.db.query(`UPDATE orchestrator.jobs SET finished_at = $2 WHERE id = $1`, [
    jobId,
    new Date(Date.now() - daysAgo * DAY_MS),
  ]);
  return id;
}

async function expectPasswordsGone(response: Response): Promise<void> {
  expect(response.status).toBe(409);
  const { message } = (await response.json()) as ApiErrorBody;
  expect(message).toMatch(
    /^The batch's stored passwords were deleted on \S+ \(.+\); import the CSV again/,
  );
}

// --- auth's vault, standing in on the bus ------------------------------------------------------

/** Of the credentials a batch was imported with, those the vault still holds. */
function heldFor(batchId: string): number {
  return (importedIds.get(batchId) ?? []).filter((id) => vault.has(id)).length;
}

/** The credential ids each batch's lines named at import. */
const importedIds = new Map<string, string[]>();

async function rememberImportedIds(batchId: string): Promise<void> {
  const named: { id: string }[] = await orchestrator.db.query(
    `SELECT unnest(ARRAY[source_credential_id, destination_credential_id]) AS id
     FROM orchestrator.batch_items WHERE batch_id = $1`,
    [batchId],
  );
  importedIds.set(
    batchId,
    named.map((r) => r.id),
  );
}

function standInForVault(): void {
  const { nc } = orchestrator;
  const reply = (respond: (data: Uint8Array) => boolean, value: unknown) =>
    respond(json.encode({ ok: true, value }));
  nc.subscribe(SUBJECTS.credentialStore, {
    callback: (_e, msg) => {
      const { logins } = json.decode(msg.data) as CredentialStoreRequest;
      const credentialIds = logins.map(({ password: _secret, ...endpoint }) => {
        const id = randomUUID();
        vault.set(id, endpoint);
        return id;
      });
      reply((d) => msg.respond(d), { credentialIds });
    },
  });
  nc.subscribe(SUBJECTS.credentialCopy, {
    callback: (_e, msg) => {
      const { source, destination } = json.decode(msg.data) as CredentialCopyRequest;
      const [from, to] = [vault.get(source), vault.get(destination)];
      if (!from || !to) {
        const error = { kind: 'credential_not_found', message: 'gone', permanent: true };
        msg.respond(json.encode({ ok: false, error }));
        return;
      }
      reply((d) => msg.respond(d), { source: from, destination: to });
    },
  });
  nc.subscribe(SUBJECTS.credentialDiscard, {
    callback: (_e, msg) => {
      const { credentialIds } = json.decode(msg.data) as CredentialDiscardRequest;
      reply((d) => msg.respond(d), {
        deleted: credentialIds.filter((id) => vault.delete(id)).length,
      });
    },
  });
}
