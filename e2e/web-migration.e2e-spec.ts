// The web app end to end: a real headless Chromium drives the start page and the status
// page served by the gateway, against every BTSX service as its own process and two real
// Dovecot servers; the destination mailbox is then compared message by message.
import { BtsxSystem } from '@btsx/runner';
import {
  accountCard,
  authenticateAccount,
  BtsxApiClient,
  compareMailboxes,
  DovecotServer,
  DovecotUser,
  fillAccount as fillCard,
  generateCorpus,
  MigrationTestbed,
  readMailbox,
  type SnapshotFolder,
  type SnapshotMessage,
  seedMailbox,
  launchChromium,
} from '@btsx/testing';
import { join, resolve } from 'node:path';
import { Browser, Locator, Page } from 'playwright-core';

const OUTPUT = resolve('test-output/e2e/web');
const SOURCE_USER: DovecotUser = { username: 'alice@source.test', password: 'src-Web-Secret-1' };
/** A mailbox big enough to still be running when the test clicks Cancel. */
const BIG_SOURCE_USER: DovecotUser = { username: 'big@source.test', password: 'src-Web-Secret-2' };
const SMALL_MESSAGES = 60;
const BIG_MESSAGES = 1500;
/** A migration of the small mailbox ends well within this. */
const FINISH_TIMEOUT_MS = 120_000;

describe('moving a mailbox through the web app', () => {
  let testbed: MigrationTestbed;
  let source: DovecotServer;
  let destination: DovecotServer;
  let system: BtsxSystem;
  let api: BtsxApiClient;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [SOURCE_USER, BIG_SOURCE_USER], separator: '/' },
      destination: { users: [], separator: '.' },
    });
    ({ source, destination, system } = testbed);
    api = new BtsxApiClient(system.url);
    await seedMailbox(
      source,
      SOURCE_USER,
      generateCorpus({ messages: SMALL_MESSAGES, folders: 4, seed: 11 }),
    );
    await seedMailbox(
      source,
      BIG_SOURCE_USER,
      generateCorpus({ messages: BIG_MESSAGES, folders: 6, seed: 12 }),
    );
    browser = await launchChromium();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterEach(async () => {
    await page?.close();
  });

  afterAll(async () => {
    await browser?.close();
    await testbed?.stop();
  });

  const account = (name: 'Source account' | 'Destination account'): Locator =>
    accountCard(page, name);
  const fillAccount = (card: Locator, server: DovecotServer, user: DovecotUser) =>
    fillCard(page, card, server, user);
  const authenticate = authenticateAccount;

  interface StartChoices {
    /** Labels of the options to tick; the others keep the page's defaults. */
    tick?: string[];
    /** Patterns for "Leave out these folders" (Which folders). */
    leaveOut?: string[];
    /** Rules for "Where folders go" (Which folders): `FROM => TO`. */
    rules?: string[];
    /** Which messages: a day (YYYY-MM-DD) for Received since, the largest message in MB. */
    messages?: { since: string; maxMegabytes?: string };
    /** Runs once every choice is made, before the terms are agreed. */
    beforeTerms?: () => Promise<void>;
    screenshot?: string;
  }

  /** Start page to status page: both accounts authenticated, terms agreed, job created. */
  async function startMigration(
    from: DovecotUser,
    to: DovecotUser,
    { tick = [], leaveOut = [], rules = [], messages, beforeTerms, screenshot }: StartChoices = {},
  ): Promise<string> {
    await destination.addUser(to);
    await page.goto(system.url);
    await fillAccount(account('Source account'), source, from);
    await authenticate(account('Source account'));
    await fillAccount(account('Destination account'), destination, to);
    await authenticate(account('Destination account'));
    const start = page.getByRole('button', { name: 'Start Migration' });
    expect(await start.isDisabled()).toBe(true);
    for (const label of tick) await page.getByRole('checkbox', { name: label }).check();
    if (leaveOut.length + rules.length > 0) {
      await page.getByText('Which folders', { exact: true }).click();
      await page.getByLabel('Leave out these folders').fill(leaveOut.join('\n'));
      await page.getByLabel('Where folders go').fill(rules.join('\n'));
    }
    if (messages) {
      await page.getByText('Which messages', { exact: true }).click();
      await page.getByLabel('Received since').fill(messages.since);
      if (messages.maxMegabytes) {
        await page.getByLabel('Largest message (MB)').fill(messages.maxMegabytes);
      }
    }
    await beforeTerms?.();
    await page.getByRole('checkbox', { name: /agree to the Terms of Service/ }).check();
    // Change detection runs after the click settles: wait for the button, don't sample it.
    await page.locator('button:has-text("Start Migration"):enabled').waitFor({ timeout: 5_000 });
    if (screenshot) await saveScreenshot(screenshot);
    await start.click();
    await page.waitForURL(/\/jobs\/[^/]+$/);
    return new URL(page.url()).pathname.split('/').pop()!;
  }

  const statusChip = () => page.getByTestId('job-status');

  /** Full page from the top, so the sticky toolbar stays where a person sees it. */
  async function saveScreenshot(name: string): Promise<void> {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(OUTPUT, name), fullPage: true });
  }

  async function waitForStatus(text: string, timeout = FINISH_TIMEOUT_MS): Promise<void> {
    await page
      .getByTestId('job-status')
      .filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) })
      .waitFor({ timeout });
  }

  it('rejects a wrong password with the server reason', async () => {
    await page.goto(system.url);
    const card = account('Source account');
    await fillAccount(card, source, { ...SOURCE_USER, password: 'not-the-password' });
    await card.getByRole('button', { name: 'Authenticate' }).click();
    const outcome = card.getByRole('status');
    await outcome.locator('.failed').waitFor({ timeout: 30_000 });
    expect(await outcome.textContent()).toMatch(/password|credentials|authenticat|login/i);
    expect(await card.getByText('Authenticated', { exact: true }).count()).toBe(0);
    await saveScreenshot('start-page-wrong-password.png');
  });

  it('migrates the mailbox and shows the job completed with the right counts', async () => {
    const target = { username: 'bob@dest.test', password: 'dst-Web-Secret-1' };
    const id = await startMigration(SOURCE_USER, target, {
      tick: ['Progress Updates'],
      screenshot: 'start-page-ready.png',
    });
    expect((await api.getJob(id)).options.progressUpdates).toBe(true);
    await statusChip().waitFor();
    await saveScreenshot('status-page-running.png');
    await waitForStatus('Completed');
    await page.getByText('Throughput', { exact: true }).waitFor();
    expect(await page.getByTestId('count-copied').textContent()).toContain(String(SMALL_MESSAGES));
    expect((await page.getByTestId('count-failed').textContent())?.trim()).toBe('0');
    await page.getByText(/deleted automatically 7 days after it/).waitFor();
    await saveScreenshot('status-page-completed.png');

    const [from, to] = await Promise.all([
      readMailbox(source, SOURCE_USER),
      readMailbox(destination, target),
    ]);
    expect(from.reduce((n, f) => n + f.messages.length, 0)).toBe(SMALL_MESSAGES);
    expect(compareMailboxes(from, to)).toEqual([]);
  });

  it('leaves out the folders the page names, moves one by a rule, and copies every other one', async () => {
    const target = { username: 'fay@dest.test', password: 'dst-Web-Secret-5' };
    const leaveOut = ['\\Trash', 'projects/**'];
    const rule = { from: '\\Sent', to: 'Old mail/Sent' };
    const id = await startMigration(SOURCE_USER, target, {
      leaveOut,
      rules: [`${rule.from} => ${rule.to}`],
      screenshot: 'start-page-which-folders.png',
    });
    expect((await api.getJob(id)).options.folders).toEqual({
      include: [],
      exclude: leaveOut,
      map: [rule],
    });
    await waitForStatus('Completed');
    await page.getByText(/Left out: \d+ folders/).waitFor();
    await page.getByText(`by rule ${rule.from} => ${rule.to}`).waitFor();
    await saveScreenshot('status-page-folders-left-out.png');

    const [from, to] = await Promise.all([
      readMailbox(source, SOURCE_USER),
      readMailbox(destination, target),
    ]);
    const isLeftOut = (f: { path: string; specialUse?: string }) =>
      f.specialUse === '\\Trash' || f.path.startsWith('Projects');
    const moved = (f: SnapshotFolder): SnapshotFolder =>
      f.specialUse === '\\Sent' ? { ...f, specialUse: undefined, path: 'Old mail/Sent' } : f;
    // Mail was really left out and moved, and the rest arrived message by message.
    expect(from.filter(isLeftOut).some((f) => f.messages.length > 0)).toBe(true);
    expect(from.some((f) => f.specialUse === '\\Sent' && f.messages.length > 0)).toBe(true);
    expect(compareMailboxes(from.filter((f) => !isLeftOut(f)).map(moved), to)).toEqual([]);
    expect(to.filter(isLeftOut).flatMap((f) => f.messages)).toEqual([]);
    expect(to.filter((f) => f.path.startsWith('Projects'))).toEqual([]);
  });

  it("copies only the messages the page's filter keeps, and counts the rest as filtered", async () => {
    const target = { username: 'gil@dest.test', password: 'dst-Web-Secret-6' };
    const from = await readMailbox(source, SOURCE_USER);
    const all = from.flatMap((f) => f.messages);
    const dates = all.map((m) => m.internalDate).sort((a, b) => a - b);
    const since = new Date(dates[Math.floor(dates.length / 2)] * 1000).toISOString().slice(0, 10);
    const sizes = all.map((m) => m.size).sort((a, b) => a - b);
    const maxBytes = sizes[Math.floor(sizes.length * 0.8)];
    const maxMegabytes = String(maxBytes / (1024 * 1024));
    const id = await startMigration(SOURCE_USER, target, {
      messages: { since, maxMegabytes },
      beforeTerms: async () => {
        // A day before `since` as the end: refused on the page, and Start waits for it.
        await page.getByLabel('Received before').fill('2000-01-01');
        await page.getByTestId('message-filter-problem').waitFor();
        await page.getByText(/correct the message filter/).waitFor();
        await saveScreenshot('start-page-which-messages-refused.png');
        await page.getByLabel('Received before').fill('');
      },
      screenshot: 'start-page-which-messages.png',
    });
    const { messages } = (await api.getJob(id)).options;
    expect(messages).toMatchObject({
      since: expect.stringMatching(`^${since}T00:00:00`),
      maxBytes,
    });
    const keeps = (m: SnapshotMessage) =>
      m.internalDate * 1000 >= Date.parse(messages!.since!) && m.size <= maxBytes;
    const leftOut = all.filter((m) => !keeps(m)).length;
    expect(leftOut).toBeGreaterThan(0);

    await waitForStatus('Completed');
    expect((await page.getByTestId('count-filtered').textContent())?.trim()).toBe(String(leftOut));
    await page.getByTestId('audit-filtered').waitFor();
    await page.getByText(/Copying only messages received since /).waitFor();
    await saveScreenshot('status-page-messages-filtered.png');

    const to = await readMailbox(destination, target);
    const kept = from.map((f) => ({ ...f, messages: f.messages.filter(keeps) }));
    expect(compareMailboxes(kept, to)).toEqual([]);
  });

  it('previews the plan, redraws it once the filter changes, and the job copies what it said', async () => {
    const target = { username: 'hal@dest.test', password: 'dst-Web-Secret-7' };
    const from = await readMailbox(source, SOURCE_USER);
    const all = from.flatMap((f) => f.messages);
    const since = dayAt(all, 0.25);
    const sizes = all.map((m) => m.size).sort((a, b) => a - b);
    const maxBytes = sizes[Math.floor(sizes.length * 0.7)];
    const trash = from.find((f) => f.specialUse === '\\Trash')!;
    const sent = from.find((f) => f.specialUse === '\\Sent')!;
    const rule = '\\Sent => Old mail/Sent';
    const copied = from.filter((f) => f !== trash);
    // The browser runs on this machine, in its time zone: its day starts when this one does.
    const received = (m: SnapshotMessage) => m.internalDate * 1000 >= Date.parse(`${since}T00:00`);
    const small = (m: SnapshotMessage) => received(m) && m.size <= maxBytes;
    let planned = { messages: 0, filtered: 0, tooLarge: 0 };

    const id = await startMigration(SOURCE_USER, target, {
      leaveOut: ['\\Trash'],
      rules: [rule],
      messages: { since },
      beforeTerms: async () => {
        await page.getByRole('button', { name: 'Preview' }).click();
        const rows = await waitForPlan(count(copied, received));
        expect(messagesAndFiltered(rows)).toEqual(keptAndFiltered(copied, received));
        expect(rows[sent.path][0]).toBe(`Old mail.Sent renamed: by rule ${rule}`);
        const leftOut = page.getByRole('list', { name: 'Left out' }).getByRole('listitem');
        expect(await leftOut.allInnerTexts()).toEqual([`${trash.path}: excluded by \\Trash`]);
        expect(await page.getByTestId('plan-too-large').textContent()).toBe('0');
        expect(await page.getByTestId('plan-measured').textContent()).toMatch(
          /source [\d.]+ ms, destination [\d.]+ ms.*\. The destination names no largest message size/,
        );
        await saveScreenshot('start-page-plan.png');

        await page.getByLabel('Largest message (MB)').fill(String(maxBytes / (1024 * 1024)));
        await page.getByText('Options changed: redraw the plan').waitFor();
        await saveScreenshot('start-page-plan-out-of-date.png');
        await page.getByRole('button', { name: 'Redraw' }).click();
        const redrawn = await waitForPlan(count(copied, small));
        expect(messagesAndFiltered(redrawn)).toEqual(keptAndFiltered(copied, small));
        expect(count(copied, small)).toBeLessThan(count(copied, received));
        planned = {
          messages: await planNumber('plan-messages'),
          filtered: await planNumber('plan-filtered'),
          tooLarge: await planNumber('plan-too-large'),
        };
      },
    });

    await waitForStatus('Completed');
    expect((await api.getJob(id)).counters).toMatchObject({
      copied: planned.messages - planned.tooLarge,
      failed: planned.tooLarge,
      filtered: planned.filtered,
    });
  });

  /**
   * Waits for the plan card to total `messages`, then answers its folder table: each source
   * folder's other cells (destination, state, messages, data, filtered, too large) as text.
   */
  async function waitForPlan(messages: number): Promise<Record<string, string[]>> {
    await page
      .getByTestId('plan-messages')
      .filter({ hasText: new RegExp(`^\\s*${messages}\\s*$`) })
      .waitFor({ timeout: 30_000 });
    const rows = page.getByRole('group', { name: 'Planned folders' }).locator('tbody tr');
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim()),
      ),
    );
    return Object.fromEntries(cells.map(([source, ...rest]) => [source, rest]));
  }

  async function planNumber(testId: string): Promise<number> {
    return Number((await page.getByTestId(testId).textContent())?.replace(/,/g, ''));
  }

  const messagesAndFiltered = (rows: Record<string, string[]>) =>
    Object.fromEntries(
      Object.entries(rows).map(([source, cells]) => [source, [cells[2], cells[4]]]),
    );

  const count = (folders: SnapshotFolder[], keeps: (m: SnapshotMessage) => boolean) =>
    folders.flatMap((f) => f.messages).filter(keeps).length;

  /** Each folder's messages a filter keeps and those it leaves out, as the plan shows them. */
  const keptAndFiltered = (folders: SnapshotFolder[], keeps: (m: SnapshotMessage) => boolean) =>
    Object.fromEntries(
      folders.map((f) => {
        const kept = count([f], keeps);
        return [f.path, [String(kept), String(f.messages.length - kept)]];
      }),
    );

  it('shows the same job after a reload', async () => {
    const target = { username: 'dave@dest.test', password: 'dst-Web-Secret-4' };
    const id = await startMigration(SOURCE_USER, target);
    // Left as the page offers them: every option off but Verify.
    expect((await api.getJob(id)).options).toEqual({
      deleteSource: false,
      foldersOnly: false,
      progressUpdates: false,
      reconcileExisting: false,
      verify: true,
    });
    await page.reload();
    await statusChip().waitFor();
    expect(page.url()).toContain(`/jobs/${id}`);
    await waitForStatus('Completed');
  });

  it('cancels a running migration after confirmation', async () => {
    const target = { username: 'carol@dest.test', password: 'dst-Web-Secret-2' };
    await startMigration(BIG_SOURCE_USER, target);
    await waitForStatus('Running', 60_000);
    const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
    await cancel.waitFor();
    await cancel.click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel migration' }).click();
    await waitForStatus('Cancelled', 60_000);
    await saveScreenshot('status-page-cancelled.png');
  });

  it('deletes a finished job after confirmation and returns to the start page', async () => {
    const target = { username: 'erin@dest.test', password: 'dst-Web-Secret-3' };
    const id = await startMigration(SOURCE_USER, target);
    await waitForStatus('Completed');
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete job' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { name: 'Move your mailbox' }).waitFor();
    const response = await fetch(`${system.url}/api/jobs/${id}`);
    expect(response.status).toBe(404);
    await page.goto(`${system.url}/jobs/${id}`);
    await page.getByRole('heading', { name: 'No such job' }).waitFor();
  });
});

/** The day (YYYY-MM-DD) of the message `fraction` of the way through the mailbox, by date. */
function dayAt(messages: SnapshotMessage[], fraction: number): string {
  const dates = messages.map((m) => m.internalDate).sort((a, b) => a - b);
  return new Date(dates[Math.floor(dates.length * fraction)] * 1000).toISOString().slice(0, 10);
}
