// The activity log read back through the real HTTP API: filters, keyset pages, the CSV.
import { ActivityPage, ActivityView } from '@btsx/contracts';
import { startNats, startPostgres } from '@btsx/testing';
import { randomUUID } from 'node:crypto';
import { DEFAULT_TENANT_ID } from '../admin';
import {
  ActivityTestbed,
  ADMIN,
  as,
  CLIENT_IP,
  Session,
  startActivityTestbed,
  USER_AGENT,
} from './activity-testbed';

let bed: ActivityTestbed;

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  bed = await startActivityTestbed(postgres, nats);
});

afterAll(() => bed?.orchestrator.close());

describe('reading the activity log', () => {
  let session: Session;
  let formulaBatch: string;

  beforeAll(async () => {
    await bed.send('POST', '/api/admin/login', { ...ADMIN, password: 'wrong-password' }, {});
    session = await bed.login();
    formulaBatch = await bed.importBatch(session, '=HYPERLINK("http://evil.example")');
    await bed.importBatch(session, 'Second');
  });

  it('filters by action, actor, target and time', async () => {
    const root = await bed.adminId(ADMIN.email);
    const created = await bed.page(session, '?action=batch.created');
    expect(created.items).toHaveLength(2);
    expect(created.items.every((row) => row.action === 'batch.created')).toBe(true);
    const batchId = created.items[0].target!.id!;
    const ofBatch = await bed.page(session, `?target=${batchId}`);
    expect(ofBatch.items.map((row) => row.action)).toEqual(['batch.created']);
    for (const actor of [root, encodeURIComponent('ROOT@btsx.test')]) {
      const { items } = await bed.page(session, `?actor=${actor}&action=admin.signed-in`);
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((row) => row.actor?.adminId === root)).toBe(true);
    }
    const failed = await bed.page(session, '?action=admin.sign-in-failed');
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({ actor: null, target: { label: ADMIN.email } });
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await bed.page(session, `?from=${future}`)).items).toEqual([]);
    expect((await bed.page(session, `?to=${future}&action=batch.created`)).items.length).toBe(
      created.items.length,
    );
    expect((await bed.page(session, `?tenant=${randomUUID()}`)).items).toEqual([]);
  });

  it('pages newest first without gaps or repeats', async () => {
    const all = (await bed.page(session, '?limit=500')).items;
    const walked: ActivityView[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const next: ActivityPage = await bed.page(
        session,
        `?limit=2${cursor ? `&before=${cursor}` : ''}`,
      );
      expect(next.items.length).toBeLessThanOrEqual(2);
      pages += 1;
      walked.push(...next.items);
      cursor = next.nextCursor;
    }
    expect(pages).toBeGreaterThan(1);
    expect(walked.map((row) => row.id)).toEqual(all.map((row) => row.id));
    const ids = walked.map((row) => Number(row.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('refuses a bad filter with a clear error, and anyone signed out', async () => {
    for (const query of [
      '?action=batch.eaten',
      '?before=abc',
      '?limit=0',
      '?from=yesterday',
      '?tenant=x',
      '?sort=asc',
    ]) {
      const response = await bed.call(`/api/admin/activity${query}`, { headers: as(session) });
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
    for (const path of ['/api/admin/activity', '/api/admin/activity.csv']) {
      expect((await bed.call(path)).status).toBe(401);
    }
  });

  it('exports the filtered log as CSV with a header, formulas made inert', async () => {
    const everyImport = await bed.call('/api/admin/activity.csv?action=batch.created', {
      headers: as(session),
    });
    expect(everyImport.status).toBe(200);
    expect(everyImport.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(everyImport.headers.get('content-disposition')).toBe(
      'attachment; filename="btsx-activity.csv"',
    );
    const lines = (await everyImport.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'at,action,actor,actor_admin_id,actor_token_id,target_type,target_id,target,tenant_id,ip,user_agent,detail',
    );
    expect(lines).toHaveLength(3);

    const query = `?action=batch.created&target=${formulaBatch}`;
    const [row] = (await bed.page(session, query)).items;
    const csv = await (
      await bed.call(`/api/admin/activity.csv${query}`, { headers: as(session) })
    ).text();
    expect(csv.split('\r\n')[1]).toBe(
      [
        row.at,
        'batch.created',
        ADMIN.email,
        row.actor!.adminId,
        '',
        'batch',
        formulaBatch,
        `"'=HYPERLINK(""http://evil.example"")"`,
        DEFAULT_TENANT_ID,
        CLIENT_IP,
        USER_AGENT,
        '"{""rows"":2,""concurrency"":10}"',
      ].join(','),
    );
  });

  it('makes a user agent that looks like a formula inert in the CSV', async () => {
    const sneaky = await fetch(`${bed.orchestrator.baseUrl}/api/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': '=cmd|calc' },
      body: JSON.stringify({ ...ADMIN, password: 'wrong' }),
    });
    expect(sneaky.status).toBe(401);
    const csv = await (
      await bed.call('/api/admin/activity.csv?action=admin.sign-in-failed', {
        headers: as(session),
      })
    ).text();
    const newest = csv.split('\r\n')[1];
    expect(newest).toContain(`,127.0.0.1,'=cmd|calc,`);
  });
});
