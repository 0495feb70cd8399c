import type { Locator, Page } from 'playwright-core';

/** An IMAP server a test started on the loopback, without TLS. */
interface PlainServer {
  port: number;
}

/** A mailbox's sign-in. */
interface SignIn {
  username: string;
  password: string;
}

/** One account card of the start page, by its title. */
export function accountCard(page: Page, name: 'Source account' | 'Destination account'): Locator {
  return page.getByRole('region', { name });
}

/** Fills one account card the way a person would: server, Advanced (none + port), sign-in. */
export async function fillAccount(
  page: Page,
  card: Locator,
  server: PlainServer,
  user: SignIn,
): Promise<void> {
  await card.getByLabel('Server', { exact: true }).fill('127.0.0.1');
  await card.getByRole('button', { name: /Advanced/ }).click();
  await card.getByRole('combobox', { name: 'Security' }).click();
  await page.getByRole('option', { name: /None/ }).click();
  await card.getByLabel('Port', { exact: true }).fill(String(server.port));
  await card.getByLabel('Username', { exact: true }).fill(user.username);
  await card.getByLabel('Password', { exact: true }).fill(user.password);
}

/** Presses Authenticate and waits for the card's tick. */
export async function authenticateAccount(card: Locator): Promise<void> {
  await card.getByRole('button', { name: 'Authenticate' }).click();
  await card.getByText('Authenticated', { exact: true }).waitFor({ timeout: 30_000 });
}
