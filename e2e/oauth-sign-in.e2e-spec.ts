// Sign in with "Google" and with "Microsoft 365" from the web app, end to end: a real
// oidc-provider plays the provider, a Dovecot in OAuth mode (tokens checked by
// introspection) plays its IMAP server, the auth service is pointed at both by configuration
// only, and a headless Chromium clicks through the start page, the provider's login and
// consent pages, and back. Microsoft keeps its production ways: the address comes from the
// id_token, and its IMAP server offers XOAUTH2 and no OAUTHBEARER, as outlook.office365.com.
// The finished job is then restarted and verified again from its status page, which signs in
// at the provider again.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { BtsxSystem, freePort } from '@btsx/runner';
import {
  BtsxApiClient,
  compareMailboxes,
  DovecotServer,
  DovecotUser,
  generateCorpus,
  launchChromium,
  localOAuthEnv,
  type OAuthMechanism,
  oauthTestClients,
  obtainOidcTokens,
  OIDC_ALICE,
  OidcProviderServer,
  readMailbox,
  seedMailbox,
  startDovecot,
  startOidcProvider,
  startTestSystem,
  stopTestSystem,
  TestSystem,
} from '@btsx/testing';
import { parseOAuthFragment } from '@btsx/contracts';
import { Browser, Locator, Page } from 'playwright-core';

const ALICE = OIDC_ALICE;
const { btsx: BTSX_CLIENT, dovecot: DOVECOT_CLIENT, seeder: SEEDER_CLIENT } = oauthTestClients();
const MESSAGES = 40;
const FINISH_TIMEOUT_MS = 120_000;

const run = promisify(execFile);

/** 'Verify again' -> 'verify-again', for a file name. */
const slug = (words: string) => words.toLowerCase().replace(/ /g, '-');

interface ProviderCase {
  id: 'google' | 'microsoft';
  /** Its Server Type toggle, and its sign-in button. */
  toggle: string;
  button: string;
  /** As the Restart and Verify again dialogs and the CLI name it. */
  name: string;
  /** The prefix of its settings: GOOGLE_CLIENT_ID, ... */
  settings: string;
  /** The scope its IMAP access token carries. */
  scope: string;
  /** What its IMAP server offers to sign in with a token. */
  mechanisms: OAuthMechanism[];
}

const PROVIDERS: ProviderCase[] = [
  {
    id: 'google',
    toggle: 'Gmail',
    button: 'Authenticate with Google',
    name: 'Google',
    settings: 'GOOGLE',
    scope: 'https://mail.google.com/',
    mechanisms: ['xoauth2', 'oauthbearer', 'plain'],
  },
  {
    id: 'microsoft',
    toggle: 'Microsoft 365',
    button: 'Authenticate with Microsoft',
    name: 'Microsoft 365',
    settings: 'MICROSOFT',
    scope: 'https://outlook.office.com/IMAP.AccessAsUser.All',
    mechanisms: ['xoauth2', 'plain'],
  },
];

describe.each(PROVIDERS)(
  'signing in with $id from the web app and migrating the mailbox',
  (provider) => {
    const OUTPUT = resolve(`test-output/e2e/oauth/${provider.id}`);
    let testSystem: TestSystem;
    let oidc: OidcProviderServer;
    let source: DovecotServer;
    let destination: DovecotServer;
    let system: BtsxSystem;
    let browser: Browser;
    let page: Page;
    /** alice on the OAuth Dovecot: the password is an access token (LOGIN accepts it). */
    let sourceUser: DovecotUser;
    const target = { username: 'bob@dest.test', password: 'dst-OAuth-Secret-1' };
    /** The status page of the job the sign-in started; the restart runs it again. */
    let jobUrl: string;
    /** The credential tokens the provider's sign-ins again brought back in the fragment. */
    const tokens: string[] = [];

    beforeAll(async () => {
      // The redirect URI is built on PUBLIC_URL, which the provider must know up front: the
      // gateway gets a port chosen here.
      const gatewayPort = await freePort();
      const publicUrl = `http://127.0.0.1:${gatewayPort}`;
      [oidc, destination] = await Promise.all([
        startOidcProvider({
          clients: [
            {
              ...BTSX_CLIENT,
              redirectUris: [`${publicUrl}/api/auth/oauth/${provider.id}/callback`],
            },
            { ...SEEDER_CLIENT, redirectUris: [SEEDER_CLIENT.redirectUri] },
            { ...DOVECOT_CLIENT, introspectionOnly: true },
          ],
          users: { [ALICE.login]: ALICE.email },
          scopes: [provider.scope],
        }),
        startDovecot({ users: [], separator: '.' }),
      ]);
      source = await startDovecot({
        users: [],
        oauth2: {
          introspectionUrl: oidc.introspectionUrl,
          ...DOVECOT_CLIENT,
          mechanisms: provider.mechanisms,
        },
      });
      const { accessToken } = await obtainOidcTokens(oidc, {
        ...SEEDER_CLIENT,
        login: ALICE.login,
      });
      sourceUser = { username: ALICE.email, password: accessToken };
      await seedMailbox(
        source,
        sourceUser,
        generateCorpus({ messages: MESSAGES, folders: 3, seed: 21 }),
      );

      testSystem = await startTestSystem({
        outputDir: OUTPUT,
        gatewayPort,
        serviceEnv: {
          auth: {
            PUBLIC_URL: publicUrl,
            // The other provider is deliberately left unconfigured.
            ...localOAuthEnv(provider.id, oidc, BTSX_CLIENT, source),
          },
        },
      });
      system = testSystem.system;
      expect(system.url).toBe(publicUrl);
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
      if (testSystem) await stopTestSystem(testSystem);
      await Promise.allSettled([source?.stop(), destination?.stop(), oidc?.stop()]);
    });

    const account = (name: 'Source account' | 'Destination account'): Locator =>
      page.getByRole('region', { name });

    async function saveScreenshot(name: string): Promise<void> {
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: join(OUTPUT, name), fullPage: true });
    }

    it('shows the other provider disabled, with the reason, when it is not configured', async () => {
      // Each run configures one provider only.
      const other = PROVIDERS.find((p) => p !== provider)!;
      await page.goto(system.url);
      const card = account('Destination account');
      await card.locator('mat-button-toggle', { hasText: other.toggle }).locator('button').click();
      const button = card.getByRole('button', { name: other.button });
      await button.waitFor();
      await card.getByTestId('oauth-unavailable').waitFor();
      expect(await button.isDisabled()).toBe(true);
      expect(await card.getByTestId('oauth-unavailable').textContent()).toContain(
        `Not configured on this server: set ${other.settings}_CLIENT_ID and ${other.settings}_CLIENT_SECRET`,
      );
      await saveScreenshot('other-provider-unavailable.png');
    });

    /** Both mailboxes read afresh: every message at the destination once, none missing. */
    async function expectSameMailboxes(): Promise<void> {
      const [from, to] = await Promise.all([
        readMailbox(source, sourceUser),
        readMailbox(destination, target),
      ]);
      expect(from.reduce((n, f) => n + f.messages.length, 0)).toBe(MESSAGES);
      expect(to.reduce((n, f) => n + f.messages.length, 0)).toBe(MESSAGES);
      expect(compareMailboxes(from, to)).toEqual([]);
    }

    /**
     * Clicks the dialog's sign-in button and passes the provider's pages, as many as it shows
     * (a second sign-in in the same browser may skip the login, or every page), until the
     * browser is back on the job's page with the answer in the fragment.
     */
    async function signInAgainAtProvider(dialog: Locator): Promise<void> {
      const issuer = new URL(oidc.issuer).origin;
      let back = false;
      const returned = page
        .waitForURL(
          (url) => {
            const result = url.origin === system.url && parseOAuthFragment(url.hash);
            if (result && result.ok) tokens.push(result.credentialId);
            return !!result;
          },
          { timeout: 30_000 },
        )
        .then(() => (back = true));
      await dialog.getByRole('button', { name: `Sign in with ${provider.name}` }).click();
      while (!back) {
        if (new URL(page.url()).origin === issuer) {
          const login = page.locator('input[name=login]');
          if (await login.isVisible().catch(() => false)) {
            await login.fill(ALICE.login);
            await page.locator('input[name=password]').fill('any password');
          }
          const submit = page.locator('button[type=submit]');
          if (await submit.isVisible().catch(() => false)) {
            await submit.click().catch(() => undefined);
            await page.waitForLoadState().catch(() => undefined);
          }
        }
        await Promise.race([returned, new Promise((resolve) => setTimeout(resolve, 200))]);
      }
    }

    /**
     * On the job's page, opens Restart or Verify again; types the destination's password,
     * which the round trip must not keep; signs the source in at the provider again; and on
     * coming back types the password again and submits.
     */
    async function signInAgainFromStatusPage(
      action: 'Restart' | 'Verify again',
      title: string,
      submit: string,
    ): Promise<void> {
      await page.getByRole('button', { name: action, exact: true }).click();
      let dialog = page.getByRole('dialog', { name: title });
      await dialog.getByLabel('Password').fill(target.password);
      await page.screenshot({
        path: join(OUTPUT, `${slug(action)}-dialog.png`),
        animations: 'disabled',
      });
      await signInAgainAtProvider(dialog);
      dialog = page.getByRole('dialog', { name: title });
      await dialog.getByText('Authenticated', { exact: true }).waitFor({ timeout: 30_000 });
      await page.waitForFunction('location.hash === ""');
      expect(await dialog.getByLabel('Password').inputValue()).toBe('');
      const stored = await page.evaluate<string>('JSON.stringify({ ...sessionStorage })');
      expect(stored).not.toContain(target.password);
      await dialog.getByLabel('Password').fill(target.password);
      await page.screenshot({
        path: join(OUTPUT, `${slug(action)}-dialog-signed-in.png`),
        animations: 'disabled',
      });
      await dialog.getByRole('button', { name: submit, exact: true }).click();
      await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    }

    it('signs in at the provider, comes back authenticated and migrates every message', async () => {
      await destination.addUser(target);
      await page.goto(system.url);

      // The destination first, with a password: its tick must survive the round trip.
      const dest = account('Destination account');
      await dest.getByLabel('Server', { exact: true }).fill('127.0.0.1');
      await dest.getByRole('button', { name: /Advanced/ }).click();
      await dest.getByRole('combobox', { name: 'Security' }).click();
      await page.getByRole('option', { name: /None/ }).click();
      await dest.getByLabel('Port', { exact: true }).fill(String(destination.port));
      await dest.getByLabel('Username', { exact: true }).fill(target.username);
      await dest.getByLabel('Password', { exact: true }).fill(target.password);
      await dest.getByRole('button', { name: 'Authenticate' }).click();
      await dest.getByText('Authenticated', { exact: true }).waitFor({ timeout: 30_000 });

      const src = account('Source account');
      await src
        .locator('mat-button-toggle', { hasText: provider.toggle })
        .locator('button')
        .click();
      await page.locator(`button:has-text("${provider.button}"):enabled`).waitFor();
      await saveScreenshot('before-sign-in.png');
      await src.getByRole('button', { name: provider.button }).click();

      // The provider's own pages: login, then consent.
      await page.waitForURL((url) => url.origin === new URL(oidc.issuer).origin);
      await page.locator('input[name=login]').fill(ALICE.login);
      await page.locator('input[name=password]').fill('any password');
      await page.screenshot({ path: join(OUTPUT, 'provider-login.png') });
      await page.locator('button[type=submit]').click();
      await page.locator('button[type=submit]').waitFor();
      await page.screenshot({ path: join(OUTPUT, 'provider-consent.png') });
      await page.locator('button[type=submit]').click();

      await page.waitForURL((url) => url.origin === system.url && url.pathname === '/');
      await src.getByText('Authenticated', { exact: true }).waitFor({ timeout: 30_000 });
      // The fragment is read and cleared.
      await page.waitForFunction('location.hash === ""');
      expect(await src.getByLabel('Username', { exact: true }).inputValue()).toBe(ALICE.email);
      expect(
        await src.getByLabel('Username', { exact: true }).getAttribute('readonly'),
      ).not.toBeNull();
      // The destination came back authenticated too, with its fields but no password.
      await dest.getByText('Authenticated', { exact: true }).waitFor();
      expect(await dest.getByLabel('Username', { exact: true }).inputValue()).toBe(target.username);
      expect(await dest.getByLabel('Password', { exact: true }).inputValue()).toBe('');
      const stored = await page.evaluate<string>('JSON.stringify({ ...sessionStorage })');
      expect(stored).not.toContain(target.password);

      await page.getByRole('checkbox', { name: /agree to the Terms of Service/ }).check();
      await page.locator('button:has-text("Start Migration"):enabled').waitFor({ timeout: 5_000 });
      await saveScreenshot('after-sign-in.png');
      await page.getByRole('button', { name: 'Start Migration' }).click();
      await page.waitForURL(/\/jobs\/[^/]+$/);
      await page
        .getByTestId('job-status')
        .filter({ hasText: /^\s*Completed\s*$/ })
        .waitFor({ timeout: FINISH_TIMEOUT_MS });
      expect((await page.getByTestId('count-failed').textContent())?.trim()).toBe('0');
      await saveScreenshot('status-page-completed.png');
      jobUrl = page.url();
      await expectSameMailboxes();

      // Neither the client secret nor alice's token reached a service log.
      const logs = await system.logs();
      expect(logs).not.toContain(BTSX_CLIENT.clientSecret);
      expect(logs).not.toContain(sourceUser.password);
      // The copy signed in with a mechanism the server offers for tokens, as the provider's does.
      const mechanisms = new Set((await source.logins()).map((login) => login.method));
      const expected = provider.id === 'microsoft' ? ['XOAUTH2'] : ['OAUTHBEARER'];
      expect([...mechanisms].filter((m) => m !== 'PLAIN')).toEqual(expected);
    });

    it('is refused by btsx restart and btsx verify, which name the provider and the status page', async () => {
      const id = new URL(jobUrl).pathname.split('/').pop()!;
      const cases = [
        ['restart', 'restart it'],
        ['verify', 'verify it again'],
      ];
      for (const [command, what] of cases) {
        // No password in the environment and no terminal: a prompt would fail differently.
        const refused = await run(process.execPath, [
          'tools/btsx.mjs',
          '--server',
          system.url,
          command,
          id,
        ]).then(
          () => ({ code: 0, stderr: '' }),
          (error: { code: number; stderr: string }) => error,
        );
        expect(refused.code).toBe(1);
        expect(refused.stderr.trim()).toBe(
          `btsx: Job ${id}'s source account signs in with ${provider.name}, which needs a browser: ${what} from its status page, ${jobUrl}`,
        );
      }
    });

    it('restarts the job from its status page, signing in at the provider again', async () => {
      await page.goto(jobUrl);
      await signInAgainFromStatusPage('Restart', 'Restart this migration', 'Restart');
      const original = new URL(jobUrl).pathname;
      await page.waitForURL(
        (url) => url.pathname.startsWith('/jobs/') && url.pathname !== original,
      );
      await page
        .getByTestId('job-status')
        .filter({ hasText: /^\s*Completed\s*$/ })
        .waitFor({ timeout: FINISH_TIMEOUT_MS });
      // Every message was found at the destination: none copied again.
      const count = async (name: string) =>
        (await page.getByTestId(`count-${name}`).textContent())?.trim();
      expect(await count('copied')).toBe('0');
      expect(await count('skipped')).toBe(String(MESSAGES));
      expect(await count('failed')).toBe('0');
      await saveScreenshot('status-page-restarted.png');
      await expectSameMailboxes();
      jobUrl = page.url();
    });

    it('verifies the restarted job again, signing in at the provider again', async () => {
      await page.goto(jobUrl);
      await page.getByText('Every message is at the destination').waitFor();
      const id = new URL(jobUrl).pathname.split('/').pop()!;
      const api = new BtsxApiClient(system.url);
      const before = (await api.getJob(id)).audit?.id;
      await signInAgainFromStatusPage('Verify again', 'Verify this migration again', 'Verify');
      const { audit } = await api.waitFor(
        id,
        (job) => job.audit?.id !== before && job.audit?.state !== 'running',
        { timeoutMs: 30_000, what: 'the new audit' },
      );
      expect(audit).toMatchObject({ trigger: 'on_demand', state: 'done', totals: { missing: 0 } });
      await page.getByText('Every message is at the destination').waitFor();
      await saveScreenshot('status-page-verified-again.png');
      // Neither the typed password nor a token the sign-ins brought back reached a log.
      const logs = await system.logs();
      expect(logs).not.toContain(target.password);
      expect(tokens).toHaveLength(2);
      for (const token of tokens) expect(logs).not.toContain(token);
    });
  },
);
