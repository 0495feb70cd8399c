// The admin dashboard end to end in a real headless Chromium: sign in, upload a CSV,
// watch the batch run live, open a job's status page, export the report; then run it as an
// MSP: a tenant, the tenant switcher, an invited operator, an API token, the activity log.
// Screenshots of the dashboard land in test-output/e2e/admin/. The admin API refuses anonymous and
// forged sessions through the gateway as well; no answer names Express, and HSTS comes only
// over HTTPS.
import { STRICT_TRANSPORT_SECURITY } from '@btsx/platform';
import {
  batchCsv,
  launchChromium,
  mailboxPairs,
  MigrationTestbed,
  pairDifferences,
  startBatchTestbed,
} from '@btsx/testing';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Browser, Locator, Page } from 'playwright-core';

const OUTPUT = resolve('test-output/e2e/admin');
const ADMIN = { email: 'ops@btsx.test', password: 'dashboard-Admin-Secret' };
const OPERATOR = { email: 'op@acme.test', password: 'acme-Operator-Secret' };
const PAIRS = 6;
const FINISH_TIMEOUT_MS = 180_000;

const PAIR_LIST = mailboxPairs('m', PAIRS);

describe('the admin dashboard', () => {
  let testbed: MigrationTestbed;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    testbed = await startBatchTestbed({
      outputDir: OUTPUT,
      pairs: PAIR_LIST,
      admin: ADMIN,
      corpus: { messages: 40, folders: 2, firstSeed: 20 },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await testbed?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: join(OUTPUT, name), fullPage: true });

  it('signs in, runs a CSV batch live, opens a job and exports the report', async () => {
    await page.goto(`${testbed.url}/admin`);
    await page.waitForURL(/\/admin\/login/);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong email or password').waitFor();
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Bulk migrations' }).waitFor();

    const file = join(OUTPUT, 'dashboard.csv');
    await writeFile(file, batchCsv(testbed.source, testbed.destination, PAIR_LIST));
    await page.getByTestId('csv-file').setInputFiles(file);
    await page.getByLabel('Name').fill('Dashboard batch');
    await page.getByLabel('Jobs at once').fill('2');
    await page.getByRole('button', { name: 'Import and start' }).click();
    await page.waitForURL(/\/admin\/batches\/[^/]+$/);
    await page.getByRole('heading', { name: 'Dashboard batch' }).waitFor();
    await shot('dashboard-running.png');

    // Live: the state changes to completed without a reload.
    await page
      .getByTestId('batch-state')
      .getByText('completed')
      .waitFor({ timeout: FINISH_TIMEOUT_MS });
    await page.getByText(`${PAIRS} completed`).waitFor();
    await shot('dashboard-completed.png');

    await page.getByLabel('Search').fill('m003@');
    await page.locator('tr.mat-mdc-row').first().getByText('m003@source.test').waitFor();
    expect(await page.locator('tr.mat-mdc-row').count()).toBe(1);
    await page.getByLabel('Search').fill('');
    await page
      .locator('tr.mat-mdc-row')
      .nth(PAIRS - 1)
      .waitFor();

    const download = page.waitForEvent('download');
    await page.getByTestId('report-link').click();
    const report = await readFile((await (await download).path())!, 'utf8');
    await writeFile(join(OUTPUT, 'report.csv'), report);
    const lines = report.trim().split('\r\n');
    expect(lines).toHaveLength(PAIRS + 1);
    expect(lines.slice(1).map((l) => l.split(',')[5])).toEqual(Array(PAIRS).fill('completed'));

    await page.getByRole('link', { name: 'm001@source.test' }).click();
    await page.waitForURL(/\/jobs\/[^/]+$/);
    await page.getByText('Completed').first().waitFor();
    await shot('job-status.png');

    await page.goto(`${testbed.url}/api/docs`);
    await page.getByText('BTSX API').first().waitFor();
    await shot('openapi.png');

    expect(await pairDifferences(testbed, PAIR_LIST)).toEqual([]);
  });

  it('answers 401 to anonymous and forged sessions, 403 to a change without CSRF token', async () => {
    const url = (path: string) => `${testbed.url}${path}`;
    expect((await fetch(url('/api/admin/batches'))).status).toBe(401);
    expect((await fetch(url('/api/admin/batches'), { method: 'POST' })).status).toBe(401);

    const context = await browser.newContext();
    try {
      const [csrf] = (await page.context().cookies()).filter((c) => c.name === 'XSRF-TOKEN');
      for (const value of ['btsx_session_forged', csrf.value]) {
        await context.clearCookies();
        await context.addCookies([{ name: 'btsx_admin', value, url: testbed.url }]);
        const response = await context.request.get(url('/api/admin/me'));
        expect(response.status()).toBe(401);
      }
    } finally {
      await context.close();
    }
    // The signed-in page's own cookie, without the header a forged request cannot add.
    const withoutHeader = await page.request.post(url('/api/admin/tokens'), {
      data: { name: 'forged' },
    });
    expect(withoutHeader.status()).toBe(403);
  });

  it('answers 401 to a session cookie that is not valid percent-encoding', async () => {
    const response = await fetch(`${testbed.url}/api/admin/me`, {
      headers: { cookie: 'btsx_admin=%E0%A4%A' },
    });
    expect(response.status).toBe(401);
  });

  it('names no framework, and asks for HTTPS only of a request that came over HTTPS', async () => {
    // The web app, the gateway itself, and a route of each service behind it.
    for (const path of ['/', '/health', '/api/admin/me', '/api/auth/oauth/providers']) {
      const plain = await fetch(`${testbed.url}${path}`);
      const behindTls = await fetch(`${testbed.url}${path}`, {
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect({
        path,
        poweredBy: plain.headers.get('x-powered-by'),
        plain: plain.headers.get('strict-transport-security'),
        behindTls: behindTls.headers.get('strict-transport-security'),
      }).toEqual({ path, poweredBy: null, plain: null, behindTls: STRICT_TRANSPORT_SECURITY });
    }
  });

  it('runs tenants: switcher, an invited operator of one tenant, an API token, the activity log', async () => {
    const choose = async (select: Locator, option: string) => {
      await select.click();
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    const batchLink = (p: Page, name: string) => p.getByRole('link', { name, exact: true });

    await page.goto(`${testbed.url}/admin/tenants`);
    await page.getByLabel('Tenant name').fill('Acme');
    await page.getByRole('button', { name: 'Create tenant' }).click();
    await page.getByRole('cell', { name: 'Acme', exact: true }).waitFor();

    // The switcher narrows the list; the import form then imports into the tenant shown.
    await page.getByRole('link', { name: 'Batches' }).click();
    await batchLink(page, 'Dashboard batch').waitFor();
    await choose(page.getByLabel('Tenants shown'), 'Acme');
    await page.getByText('No batch yet.').waitFor();
    const file = join(OUTPUT, 'acme.csv');
    await writeFile(file, batchCsv(testbed.source, testbed.destination, PAIR_LIST.slice(0, 1)));
    await page.getByTestId('csv-file').setInputFiles(file);
    await page.getByLabel('Name').fill('Acme batch');
    await page.getByRole('button', { name: 'Import and start' }).click();
    await page.waitForURL(/\/admin\/batches\/[^/]+$/);
    await page.getByRole('link', { name: 'All batches' }).click();
    await batchLink(page, 'Acme batch').waitFor();
    expect(await batchLink(page, 'Dashboard batch').count()).toBe(0);
    await shot('dashboard-tenant-switcher.png');

    await page.getByRole('link', { name: 'Admins' }).click();
    await page.getByLabel('Email').fill(OPERATOR.email);
    await page.getByRole('button', { name: 'Invite' }).click();
    const link = (await page.getByTestId('shown-once').textContent())!.trim();
    expect(link).toMatch(/\/admin\/invitation#.+/);
    await page.getByRole('cell', { name: OPERATOR.email, exact: true }).waitFor();
    await shot('dashboard-admins.png');

    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByLabel('Token name').fill('acme ci');
    await page.getByRole('button', { name: 'Create token' }).click();
    expect(await page.getByTestId('shown-once').textContent()).toMatch(/btsx_api_/);
    await page.getByText('it is not shown again').waitFor();
    await page.getByRole('cell', { name: 'acme ci', exact: true }).waitFor();
    await shot('dashboard-tokens.png');

    // The operator accepts the invitation in a browser of its own and sees its tenant alone.
    const context = await browser.newContext();
    try {
      const operator = await context.newPage();
      await operator.goto(link);
      await operator.getByLabel('New password').fill(OPERATOR.password);
      await operator.getByRole('button', { name: 'Set password' }).click();
      await operator.waitForURL(/\/admin\/login/);
      await operator.getByLabel('Email').fill(OPERATOR.email);
      await operator.getByLabel('Password').fill(OPERATOR.password);
      await operator.getByRole('button', { name: 'Sign in' }).click();
      await batchLink(operator, 'Acme batch').waitFor();
      expect(await operator.getByTestId('tenant-name').textContent()).toContain('Acme');
      expect(await batchLink(operator, 'Dashboard batch').count()).toBe(0);
      expect(await operator.getByLabel('Tenants shown').count()).toBe(0);
      const pages = await operator.getByRole('navigation', { name: 'Dashboard' }).textContent();
      expect(pages).not.toMatch(/Admins|API tokens|Tenants|Activity/);
      await operator.goto(`${testbed.url}/admin/tokens`);
      await operator.getByRole('heading', { name: 'Bulk migrations' }).waitFor();
    } finally {
      await context.close();
    }

    await page.getByRole('link', { name: 'Activity' }).click();
    await choose(page.getByLabel('Tenants shown'), 'All tenants');
    const table = page.getByRole('table', { name: 'Activity' });
    for (const action of ['admin.invitation-accepted', 'token.created', 'admin.invited']) {
      await table.getByRole('cell', { name: action, exact: true }).first().waitFor();
    }
    await choose(page.getByTestId('activity-action'), 'token.created');
    await table
      .getByRole('cell', { name: 'admin.invited', exact: true })
      .first()
      .waitFor({ state: 'detached' });
    expect(await table.getByRole('cell', { name: 'acme ci', exact: true }).count()).toBe(1);
    expect(await page.getByTestId('activity-csv').getAttribute('href')).toContain(
      'action=token.created',
    );
    await shot('dashboard-activity.png');
  });
});
