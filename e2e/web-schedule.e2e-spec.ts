// A schedule from the web app end to end: a real Chromium chooses "On a schedule" on the start
// page, follows the schedule's page through its first (full) pass, presses Final pass, and sees
// the schedule finish after one last delta pass that copied the letter which arrived meanwhile;
// the destination is then compared message by message with the source.
import {
  accountCard,
  authenticateAccount,
  BtsxApiClient,
  compareMailboxes,
  DovecotUser,
  fillAccount,
  generateCorpus,
  launchChromium,
  MigrationTestbed,
  readMailbox,
  seedMailbox,
  withImapSession,
} from '@btsx/testing';
import { join, resolve } from 'node:path';
import { Browser, Page } from 'playwright-core';

const OUTPUT = resolve('test-output/e2e/web-schedule');
/** A pass of this small mailbox ends well within it. */
const PASS_TIMEOUT_MS = 60_000;
const MESSAGES = 12;

describe('a schedule of delta passes from the web app', () => {
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;
  let browser: Browser;
  let page: Page;
  const alice: DovecotUser = { username: 'alice@source.test', password: 'src-Schedule-Secret' };
  const bob: DovecotUser = { username: 'bob@dest.test', password: 'dst-Schedule-Secret' };

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [alice], separator: '/' },
      destination: { users: [bob], separator: '.' },
      // The scheduler looks for due passes every 200 ms: the final pass starts at once.
      serviceEnv: { orchestrator: { SCHEDULE_TICK_MS: '200' } },
    });
    api = new BtsxApiClient(testbed.url);
    await seedMailbox(
      testbed.source,
      alice,
      generateCorpus({ messages: MESSAGES, folders: 1, seed: 21 }),
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await testbed?.stop();
  });

  async function saveScreenshot(name: string): Promise<void> {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(OUTPUT, name), fullPage: true });
  }

  const stateChip = (text: string) =>
    page.getByTestId('schedule-state').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) });

  it('starts on a schedule, runs the first pass, and ends after the final pass', async () => {
    await page.goto(testbed.url);
    const source = accountCard(page, 'Source account');
    const destination = accountCard(page, 'Destination account');
    await fillAccount(page, source, testbed.source, alice);
    await authenticateAccount(source);
    await fillAccount(page, destination, testbed.destination, bob);
    await authenticateAccount(destination);

    await page.getByText('When', { exact: true }).click();
    await page.getByRole('radio', { name: /On a schedule/ }).check();
    await page.getByLabel('Repeat a delta pass every (hours)').fill('1');
    await page
      .getByTestId('schedule-passwords')
      .getByText(/at most 90 days/)
      .waitFor();
    await page.getByRole('checkbox', { name: /agree to the Terms of Service/ }).check();
    await page.locator('button:has-text("Start Schedule"):enabled').waitFor({ timeout: 5_000 });
    await saveScreenshot('start-page-schedule.png');
    await page.getByRole('button', { name: 'Start Schedule' }).click();
    await page.waitForURL(/\/schedules\/[^/]+$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;

    await page
      .getByTestId('pass-1')
      .filter({ hasText: 'Completed' })
      .waitFor({ timeout: PASS_TIMEOUT_MS });
    await saveScreenshot('schedule-page.png');

    // A letter arrives between the passes: the final delta pass copies it.
    const [letter] = generateCorpus({ messages: 1, folders: 0, seed: 22 }).flatMap(
      (f) => f.messages,
    );
    await withImapSession(testbed.source, alice, (client) =>
      client.append('INBOX', letter.raw, letter.flags, letter.internalDate),
    );
    await page.getByRole('button', { name: 'Final pass', exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/passwords are deleted/).waitFor();
    await dialog.getByRole('button', { name: 'Run final pass' }).click();
    await stateChip('Finished').waitFor({ timeout: PASS_TIMEOUT_MS });
    await page.getByTestId('pass-2').filter({ hasText: 'final delta pass' }).waitFor();
    await saveScreenshot('schedule-page-finished.png');

    const schedule = await api.getSchedule(id);
    expect(schedule).toMatchObject({ state: 'finished', credentialsHeld: false });
    expect(schedule.passes.map((p) => [p.delta, p.final, p.status])).toEqual([
      [false, false, 'completed'],
      [true, true, 'completed'],
    ]);
    expect(schedule.passes[1].counters.copied).toBe(1);
    const [from, to] = await Promise.all([
      readMailbox(testbed.source, alice),
      readMailbox(testbed.destination, bob),
    ]);
    expect(from.reduce((n, f) => n + f.messages.length, 0)).toBe(MESSAGES + 1);
    expect(compareMailboxes(from, to)).toEqual([]);

    // Each pass's job page leads back to the schedule.
    await page.getByTestId('pass-2').getByRole('link').click();
    await page.getByTestId('schedule-link').filter({ hasText: 'Pass 2 of a schedule' }).waitFor();
  });
});
