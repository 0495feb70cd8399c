// Sign in with "Google" and with "Microsoft 365" from the web app, end to end: a real
// oidc-provider plays the provider, a Dovecot in OAuth mode (tokens checked by
// introspection) plays its IMAP server, the auth service is pointed at both by configuration
// only, and a headless Chromium clicks through the start page, the provider's login and
// consent pages, and back. Microsoft keeps its production ways: the address comes from the
// id_token, and its IMAP server offers XOAUTH2 and no OAUTHBEARER, as outlook.office365.com.
import { join, resolve } from 'node:path';
import { BtsxSystem, freePort } from '@btsx/runner';
import {
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
import { Browser, Locator, Page } from 'playwright-core';

const ALICE = OIDC_ALICE;
const { btsx: BTSX_CLIENT, dovecot: DOVECOT_CLIENT, seeder: SEEDER_CLIENT } = oauthTestClients();
const MESSAGES = 40;
const FINISH_TIMEOUT_MS = 120_000;

interface ProviderCase {
  id: 'google' | 'microsoft';
  /** Its Server Type toggle, and its sign-in button. */
  toggle: string;
  button: string;
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
    settings: 'GOOGLE',
    scope: 'https://mail.google.com/',
    mechanisms: ['xoauth2', 'oauthbearer', 'plain'],
  },
  {
    id: 'microsoft',
    toggle: 'Microsoft 365',
    button: 'Authenticate with Microsoft',
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

    it('signs in at the provider, comes back authenticated and migrates every message', async () => {
      const target = { username: 'bob@dest.test', password: 'dst-OAuth-Secret-1' };
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

      const [from, to] = await Promise.all([
        readMailbox(source, sourceUser),
        readMailbox(destination, target),
      ]);
      expect(from.reduce((n, f) => n + f.messages.length, 0)).toBe(MESSAGES);
      expect(compareMailboxes(from, to)).toEqual([]);

      // Neither the client secret nor alice's token reached a service log.
      const logs = await system.logs();
      expect(logs).not.toContain(BTSX_CLIENT.clientSecret);
      expect(logs).not.toContain(sourceUser.password);
      // The copy signed in with a mechanism the server offers for tokens, as the provider's does.
      const mechanisms = new Set((await source.logins()).map((login) => login.method));
      const expected = provider.id === 'microsoft' ? ['XOAUTH2'] : ['OAUTHBEARER'];
      expect([...mechanisms].filter((m) => m !== 'PLAIN')).toEqual(expected);
    });
  },
);
