import { type AccountSide, parseOAuthFragment } from '@btsx/contracts/core';
import { BrowserLocation } from '../../shared/oauth/browser-location';
import { keepForRoundTrip, takeAfterRoundTrip } from '../../shared/oauth/round-trip-memory';
import type { SignInAgainPurpose } from './restart-dialog.component';

export const SIGN_IN_AGAIN_MEMORY_KEY = 'btsx.sign-in-again';

/** What came back for one OAuth account: its credential token, or why it has none. */
export type ReturnedSignIn = { credentialId: string } | { error: string };
export type ReturnedSignIns = Partial<Record<AccountSide, ReturnedSignIn>>;

/**
 * What the Restart or Verify dialog keeps while the browser is at a provider: which job, what
 * for, which account left, and the tokens of OAuth accounts signed in on an earlier trip (a
 * job of two OAuth accounts makes two). Never a password: one is typed after coming back.
 */
export interface SignInAgainMemory {
  version: 1;
  jobId: string;
  purpose: SignInAgainPurpose;
  side: AccountSide;
  signedIn: Partial<Record<AccountSide, string>>;
}

/** The dialog to open again on coming back, with what each account brought back. */
export interface SignInAgainReturn {
  jobId: string;
  purpose: SignInAgainPurpose;
  returned: ReturnedSignIns;
}

export function keepSignInAgain(browser: BrowserLocation, memory: SignInAgainMemory): void {
  keepForRoundTrip(browser.sessionStorage(), SIGN_IN_AGAIN_MEMORY_KEY, memory);
}

/**
 * Back from a provider: the kept dialog with the fragment's answer applied to the account
 * that left (the fragment is read and cleared). Null when the page was not left that way.
 */
export function takeSignInAgain(browser: BrowserLocation): SignInAgainReturn | null {
  const memory = takeAfterRoundTrip(
    browser.sessionStorage(),
    SIGN_IN_AGAIN_MEMORY_KEY,
  ) as SignInAgainMemory | null;
  const result = parseOAuthFragment(browser.hash());
  if (result) browser.clearHash();
  if (memory?.version !== 1) return null;
  const returned: ReturnedSignIns = {};
  for (const [side, credentialId] of Object.entries(memory.signedIn)) {
    returned[side as AccountSide] = { credentialId };
  }
  if (result) {
    // An error the server could not tie to an account lands on the one that left.
    returned[result.side || memory.side] = result.ok
      ? { credentialId: result.credentialId }
      : { error: result.message };
  }
  return { jobId: memory.jobId, purpose: memory.purpose, returned };
}
