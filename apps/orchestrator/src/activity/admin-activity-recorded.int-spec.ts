// Every admin action leaves one row in the activity log, with who, from where and what,
// and the database refuses to change it: against a real Postgres and NATS, through the
// orchestrator's real HTTP stack.
import { startNats, startPostgres } from '@btsx/testing';
import { randomUUID } from 'node:crypto';
import { eventually } from '../orchestrator-testbed';
import {
  ActivityTestbed,
  ADMIN,
  as,
  CLIENT_IP,
  startActivityTestbed,
  USER_AGENT,
} from './activity-testbed';

let bed: ActivityTestbed;

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  bed = await startActivityTestbed(postgres, nats);
});

afterAll(() => bed?.orchestrator.close());

describe('the activity log records', () => {
  it('sign-in, failed sign-in (answered alike, account or not) and sign-out, with the client', async () => {
    const since = await bed.lastId();
    const wrongPassword = await bed.send(
      'POST',
      '/api/admin/login',
      { ...ADMIN, password: 'nope' },
      {},
    );
    const noAccount = await bed.send(
      'POST',
      '/api/admin/login',
      { email: 'Nobody@BTSX.test', password: 'nope' },
      {},
    );
    expect([wrongPassword.status, noAccount.status]).toEqual([401, 401]);
    expect(await noAccount.json()).toEqual(await wrongPassword.json());
    const session = await bed.login();
    expect((await bed.send('POST', '/api/admin/logout', {}, as(session))).status).toBe(204);

    const reader = await bed.login();
    const rows = await bed.rowsSince(reader, since);
    const root = await bed.adminId(ADMIN.email);
    const rootActor = { adminId: root, email: ADMIN.email, tokenId: null, tokenName: null };
    const rootTarget = { type: 'admin', id: root, label: ADMIN.email };
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'admin.sign-in-failed',
        actor: null,
        target: { type: 'admin', id: null, label: ADMIN.email },
      }),
      expect.objectContaining({
        action: 'admin.sign-in-failed',
        actor: null,
        target: { type: 'admin', id: null, label: 'nobody@btsx.test' },
      }),
      expect.objectContaining({
        action: 'admin.signed-in',
        actor: { ...rootActor, label: ADMIN.email },
        target: rootTarget,
      }),
      expect.objectContaining({ action: 'admin.signed-out', target: rootTarget }),
      expect.objectContaining({ action: 'admin.signed-in' }),
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ ip: CLIENT_IP, userAgent: USER_AGENT, tenantId: null });
      expect(Date.parse(row.at)).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(JSON.stringify(rows)).not.toContain('nope');
  });

  it('API tokens and invitations, naming a token as the actor when one acted', async () => {
    const session = await bed.login();
    const since = await bed.lastId();
    const created = (await (
      await bed.send('POST', '/api/admin/tokens', { name: 'ci' }, as(session))
    ).json()) as { id: string; token: string };
    const bearer = { authorization: `Bearer ${created.token}` };
    const second = (await (
      await bed.send('POST', '/api/admin/tokens', { name: 'more' }, bearer)
    ).json()) as {
      id: string;
    };
    expect(
      (await bed.send('DELETE', `/api/admin/tokens/${second.id}`, undefined, bearer)).status,
    ).toBe(204);
    const invited = (await (
      await bed.send(
        'POST',
        '/api/admin/invitations',
        { email: 'second@btsx.test', role: 'operator' },
        as(session),
      )
    ).json()) as { inviteToken: string };
    const password = 'second-admin-Secret';
    const accept = { token: invited.inviteToken, password };
    expect((await bed.send('POST', '/api/admin/invitations/accept', accept, {})).status).toBe(204);
    const [root, second_] = [await bed.adminId(ADMIN.email), await bed.adminId('second@btsx.test')];
    const toViewer = { role: 'viewer' };
    const patched = await bed.send('PATCH', `/api/admin/users/${second_}`, toViewer, as(session));
    expect(patched.status).toBe(200);
    const removed = await bed.send('DELETE', `/api/admin/users/${second_}`, undefined, as(session));
    expect(removed.status).toBe(204);

    const rows = await bed.rowsSince(session, since);
    const viaToken = {
      adminId: root,
      email: ADMIN.email,
      tokenId: created.id,
      tokenName: 'ci',
      label: `token "ci" (${ADMIN.email})`,
    };
    expect(rows.map(({ action, actor, target }) => ({ action, actor, target }))).toEqual([
      {
        action: 'token.created',
        actor: expect.objectContaining({ adminId: root, tokenId: null }),
        target: { type: 'token', id: created.id, label: 'ci' },
      },
      {
        action: 'token.created',
        actor: viaToken,
        target: { type: 'token', id: second.id, label: 'more' },
      },
      {
        action: 'token.revoked',
        actor: viaToken,
        target: { type: 'token', id: second.id, label: 'more' },
      },
      {
        action: 'admin.invited',
        actor: expect.objectContaining({ adminId: root }),
        target: { type: 'admin', id: second_, label: 'second@btsx.test' },
      },
      {
        action: 'admin.invitation-accepted',
        actor: expect.objectContaining({ adminId: second_, email: 'second@btsx.test' }),
        target: { type: 'admin', id: second_, label: 'second@btsx.test' },
      },
      {
        action: 'admin.role-changed',
        actor: expect.objectContaining({ adminId: root, tokenId: null }),
        target: { type: 'admin', id: second_, label: 'second@btsx.test' },
      },
      {
        action: 'admin.removed',
        actor: expect.objectContaining({ adminId: root, tokenId: null }),
        target: { type: 'admin', id: second_, label: 'second@btsx.test' },
      },
    ]);
    expect(rows.every((row) => row.ip === CLIENT_IP)).toBe(true);
    const everything = JSON.stringify(
      await bed.orchestrator.db.query(`SELECT * FROM orchestrator.admin_activity`),
    );
    for (const secret of [created.token, invited.inviteToken, password, ADMIN.password]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('every batch action once, and nothing for a refused one', async () => {
    const session = await bed.login();
    const since = await bed.lastId();
    const id = await bed.importBatch(session, 'Spring move');
    // The stand-in vault refuses every copy: both lines end cancelled, nothing runs.
    await eventually(async () => {
      const items = (await (
        await bed.call(`/api/admin/batches/${id}/items`, { headers: as(session) })
      ).json()) as { state: string }[];
      expect(items.map((i) => i.state)).toEqual(['cancelled', 'cancelled']);
    });
    const post = (action: string) =>
      bed.send('POST', `/api/admin/batches/${id}/${action}`, {}, as(session));
    const get = (path: string) =>
      bed.call(`/api/admin/batches/${id}/${path}`, { headers: as(session) });
    for (const action of ['pause', 'resume', 'retry', 'delta']) {
      expect({ action, status: (await post(action)).status }).toEqual({ action, status: 200 });
    }
    const limits = { concurrency: 3, perHostLimit: 2 };
    expect(
      (await bed.send('PUT', `/api/admin/batches/${id}/limits`, limits, as(session))).status,
    ).toBe(200);
    expect((await get('report.csv')).status).toBe(200);
    expect((await get('failed-messages.csv')).status).toBe(200);
    expect((await post('cancel')).status).toBe(200);
    expect((await post('cancel')).status).toBe(409);
    expect((await post('pause')).status).toBe(409);
    expect(
      (await bed.send('POST', `/api/admin/batches/${randomUUID()}/pause`, {}, as(session))).status,
    ).toBe(404);
    expect(
      (await bed.send('DELETE', `/api/admin/batches/${id}`, undefined, as(session))).status,
    ).toBe(204);

    const rows = await bed.rowsSince(session, since);
    expect(rows.map((row) => [row.action, row.detail])).toEqual([
      ['batch.created', { rows: 2, concurrency: 10 }],
      ['batch.paused', {}],
      ['batch.resumed', {}],
      ['batch.retried', { jobs: 0 }],
      ['batch.delta', { jobs: 0 }],
      [
        'batch.limits-changed',
        { concurrency: 3, perHostLimit: 2, previousConcurrency: 10, previousPerHostLimit: 4 },
      ],
      ['batch.report-downloaded', { report: 'jobs' }],
      ['batch.report-downloaded', { report: 'failed-messages' }],
      ['batch.cancelled', {}],
      ['batch.deleted', {}],
    ]);
    const root = await bed.adminId(ADMIN.email);
    for (const row of rows) {
      expect(row).toMatchObject({
        actor: { adminId: root, email: ADMIN.email },
        target: { type: 'batch', id, label: 'Spring move' },
        ip: CLIENT_IP,
      });
    }
    expect(JSON.stringify(rows)).not.toContain('Secret-pw');
  });
});

describe('the activity table', () => {
  it('refuses UPDATE, DELETE and TRUNCATE, even of no row', async () => {
    await bed.login();
    const count = async () =>
      (
        await bed.orchestrator.db.query(
          `SELECT count(*)::int AS n FROM orchestrator.admin_activity`,
        )
      )[0].n;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    for (const statement of [
      `UPDATE orchestrator.admin_activity SET ip = '10.0.0.1'`,
      `DELETE FROM orchestrator.admin_activity`,
      `DELETE FROM orchestrator.admin_activity WHERE false`,
      `TRUNCATE orchestrator.admin_activity`,
    ]) {
      await expect(bed.orchestrator.db.query(statement)).rejects.toThrow(/append-only/);
    }
    expect(await count()).toBe(before);
  });
});
