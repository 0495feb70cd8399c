// "Verify again" on the status page end to end: a finished job, one of its messages deleted
// from the destination afterwards, both passwords typed again in a real Chromium, and the
// audit card naming the missing message once the orchestrator's new audit is done; then
// "Verify (deep)" and the audit report downloaded from the card; then a "Delta pass" that
// copies the letter which arrived at the source since.
import {
  ApiAccount,
  BtsxApiClient,
  DovecotUser,
  launchChromium,
  MigrationTestbed,
  seedMailbox,
  withImapSession,
} from '@btsx/testing';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Browser, Locator, Page } from 'playwright-core';

const OUTPUT = resolve('test-output/e2e/web-verify');
const JOB_TIMEOUT_MS = 120_000;
const MESSAGES = 3;

const message = (n: number) => ({
  raw: Buffer.from(`Subject: ${n}\r\nMessage-ID: <${n}@verify.test>\r\n\r\nbody ${n}\r\n`),
  flags: [],
  internalDate: new Date(Date.UTC(2024, 0, n + 1)),
});

/** Deletes the destination's first INBOX message; answers the source UID of that message. */
async function deleteOneCopied(from: ApiAccount, to: ApiAccount): Promise<number> {
  const messageId = await withImapSession(to.server, to.user, async (client) => {
    await client.mailboxOpen('INBOX');
    const first = await client.fetchOne('1', { envelope: true });
    await client.messageDelete('1');
    return first && first.envelope?.messageId;
  });
  if (!messageId) throw new Error('the destination INBOX has no message to delete');
  return withImapSession(from.server, from.user, async (client) => {
    await client.mailboxOpen('INBOX', { readOnly: true });
    const [uid] =
      (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
    return uid;
  });
}

describe('verifying a finished job again from the status page', () => {
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;
  let browser: Browser;
  let page: Page;
  /** The job the first test verified, and the source UID it found missing. */
  let jobId: string;
  let missingUid: number;
  const alice: DovecotUser = { username: 'alice@source.test', password: 'src-Verify-Secret' };
  const bob: DovecotUser = { username: 'bob@dest.test', password: 'dst-Verify-Secret' };

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [alice], separator: '/' },
      destination: { users: [bob], separator: '.' },
    });
    api = new BtsxApiClient(testbed.url);
    const inbox = Array.from({ length: MESSAGES }, (_, n) => message(n));
    await seedMailbox(testbed.source, alice, [{ path: 'INBOX', messages: inbox }]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await testbed?.stop();
  });

  /**
   * Types both passwords once the dialog has opened (it focuses the first field then): typed
   * into sooner, on a loaded CI machine, the fields left the Verify button disabled.
   */
  async function typePasswords(dialog: Locator): Promise<void> {
    await dialog.locator('input[type="password"]:focus').waitFor({ timeout: 10_000 });
    const passwords = dialog.getByLabel('Password', { exact: true });
    await passwords.nth(0).fill(alice.password);
    await passwords.nth(1).fill(bob.password);
  }

  it('re-runs the audit with both passwords and reports the deleted message', async () => {
    const from = { server: testbed.source, user: alice };
    const to = { server: testbed.destination, user: bob };
    const { id } = await api.startJob(from, to);
    expect((await api.waitForEnd(id, JOB_TIMEOUT_MS)).status).toBe('completed');
    const sourceUid = await deleteOneCopied(from, to);

    await page.goto(`${testbed.url}/jobs/${id}`);
    await page.getByText('Every message is at the destination').waitFor();
    await page.getByRole('button', { name: 'Verify again' }).click();
    const dialog = page.getByRole('dialog', { name: 'Verify this migration again' });
    await typePasswords(dialog);
    await dialog.getByRole('button', { name: 'Verify', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });

    await page
      .getByText('1 message is missing at the destination')
      .waitFor({ timeout: JOB_TIMEOUT_MS });
    await page.getByText(`Missing: source UID ${sourceUid} <`).waitFor();
    expect((await page.getByTestId('job-status').textContent())?.trim()).toBe('Incomplete');
    await page.screenshot({ path: resolve(OUTPUT, 'status-page-verified.png'), fullPage: true });
    const job = await api.getJob(id);
    expect(job.audit).toMatchObject({ trigger: 'on_demand', state: 'done' });
    expect(job.audit?.totals?.missing).toBe(1);
    jobId = id;
    missingUid = sourceUid;
  });

  it('verifies deep with both passwords, and downloads the report that names the missing message', async () => {
    const before = (await api.getJob(jobId)).audit?.id;
    await page.getByRole('button', { name: 'Verify (deep)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Verify this migration in depth' });
    await typePasswords(dialog);
    await dialog.getByRole('button', { name: 'Verify', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });

    await page.getByText("Deep verification: every message's SHA-256 compared").waitFor({
      timeout: JOB_TIMEOUT_MS,
    });
    const job = await api.waitFor(
      jobId,
      (j) => j.audit?.id !== before && j.audit?.state === 'done',
    );
    expect(job.audit).toMatchObject({ deep: true, totals: { missing: 1 } });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download report (CSV)' }).click(),
    ]);
    const csv = (await readFile(await download.path())).toString('utf8').trim().split('\r\n');
    expect(csv[0]).toMatch(/^kind,source_folder,source_uid,/);
    expect(csv.slice(1)).toEqual([expect.stringMatching(`^missing,INBOX,${missingUid},INBOX,`)]);
    await page.screenshot({
      path: resolve(OUTPUT, 'status-page-verified-deep.png'),
      fullPage: true,
    });
  });

  it('runs a delta pass from the status page: the letter that arrived since is copied', async () => {
    const arrived = message(MESSAGES);
    await withImapSession(testbed.source, alice, (client) =>
      client.append('INBOX', arrived.raw, [], arrived.internalDate),
    );
    await page.getByTestId('delta-pass').click();
    const dialog = page.getByRole('dialog', { name: 'Bring the destination up to date' });
    await typePasswords(dialog);
    await dialog.getByRole('button', { name: 'Start the delta pass' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(jobId), { timeout: 30_000 });
    const passId = page.url().split('/').at(-1)!;
    await page.getByText(`Delta pass after job ${jobId}`).first().waitFor();
    const pass = await api.waitForEnd(passId, JOB_TIMEOUT_MS);
    expect(pass).toMatchObject({ delta: true, restartedFrom: jobId, status: 'completed' });
    expect(pass.counters).toMatchObject({ copied: 1, skipped: 0, failed: 0 });
    const copied = await withImapSession(testbed.destination, bob, async (client) => {
      await client.mailboxOpen('INBOX', { readOnly: true });
      return client.search({ header: { 'message-id': `<${MESSAGES}@verify.test>` } });
    });
    expect(copied).toHaveLength(1);
    await page.getByTestId('job-status').getByText('Completed').waitFor();
    await page.screenshot({ path: resolve(OUTPUT, 'status-page-delta-pass.png'), fullPage: true });
  });
});
