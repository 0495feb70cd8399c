import type { JobOptions, OAuthRedirectResult, OAuthSide } from '@btsx/contracts';
import { AccountDraft, AccountSeed, EMPTY_DRAFT } from '../../shared/account-card/account-draft';
import type { ServerType } from '../../shared/account-card/account-form';
import { keepForRoundTrip, takeAfterRoundTrip } from '../../shared/oauth/round-trip-memory';

/** One key per tab (sessionStorage): a sign-in in another tab never restores into this one. */
export const START_PAGE_MEMORY_KEY = 'btsx.start-page';

export interface SavedAccount {
  draft: AccountDraft;
  /** The tick the card had: its credential stays valid at the server across the trip. */
  credentialId: string | null;
}

/**
 * What the start page keeps while the browser is at a provider's sign-in page. Never a
 * password: AccountDraft has no such field.
 */
export interface StartPageMemory {
  version: 1;
  source: SavedAccount;
  destination: SavedAccount;
  options: JobOptions;
  terms: boolean;
  /** The card that left, and the server type it had chosen. */
  pending: { side: OAuthSide; serverType: ServerType };
}

export function saveStartPage(storage: Storage | null, memory: StartPageMemory): void {
  keepForRoundTrip(storage, START_PAGE_MEMORY_KEY, memory);
}

/** The saved page, once. */
export function takeStartPage(storage: Storage | null): StartPageMemory | null {
  const memory = takeAfterRoundTrip(storage, START_PAGE_MEMORY_KEY) as StartPageMemory | null;
  return memory?.version === 1 && memory.source && memory.destination ? memory : null;
}

/**
 * What each card restores: its saved fields and tick, with the provider's answer applied
 * to the card that signed in (the tick and the account's address, or the error).
 */
export function seedsFor(
  memory: StartPageMemory | null,
  result: OAuthRedirectResult | null,
): Record<OAuthSide, AccountSeed | null> {
  const seeds: Record<OAuthSide, AccountSeed | null> = {
    source: memory ? { ...memory.source } : null,
    destination: memory ? { ...memory.destination } : null,
  };
  if (!result) return seeds;
  // An error the server could not tie to a card lands on the card that left.
  const side: OAuthSide = result.side || memory?.pending.side || 'source';
  const saved = seeds[side]?.draft ?? EMPTY_DRAFT;
  const draft: AccountDraft = { ...saved, serverType: serverTypeFor(side, saved, memory) };
  seeds[side] = result.ok
    ? { draft: { ...draft, username: result.email }, credentialId: result.credentialId }
    : { draft, error: result.message };
  return seeds;
}

/** The fragment does not name the provider: the saved page does; Gmail when nothing was saved. */
function serverTypeFor(
  side: OAuthSide,
  saved: AccountDraft,
  memory: StartPageMemory | null,
): ServerType {
  if (memory?.pending.side === side) return memory.pending.serverType;
  return saved.serverType === 'imap' ? 'gmail' : saved.serverType;
}
