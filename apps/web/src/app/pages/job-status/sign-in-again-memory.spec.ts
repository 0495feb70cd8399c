import { beforeEach, describe, expect, it } from 'vitest';
import type { BrowserLocation } from '../../shared/oauth/browser-location';
import {
  keepSignInAgain,
  SIGN_IN_AGAIN_MEMORY_KEY,
  SignInAgainMemory,
  takeSignInAgain,
} from './sign-in-again-memory';

const LEFT: SignInAgainMemory = {
  version: 1,
  jobId: 'job-1',
  purpose: 'restart',
  side: 'destination',
  signedIn: { source: 'cred-google' },
};

/** The page as the provider sent the browser back to it, with `hash` in its address. */
function browserWith(hash: string): BrowserLocation & { hash(): string } {
  let current = hash;
  return {
    hash: () => current,
    clearHash: () => void (current = ''),
    sessionStorage: () => sessionStorage,
  } as BrowserLocation;
}

describe('takeSignInAgain', () => {
  beforeEach(() => sessionStorage.clear());

  it("brings back the kept tokens and the fragment's, reading each once", () => {
    const browser = browserWith('#oauth=destination:cred-microsoft:bob%40example.test');
    keepSignInAgain(browser, LEFT);
    expect(takeSignInAgain(browser)).toEqual({
      jobId: 'job-1',
      purpose: 'restart',
      returned: {
        source: { credentialId: 'cred-google' },
        destination: { credentialId: 'cred-microsoft' },
      },
    });
    expect(browser.hash()).toBe('');
    expect(sessionStorage.getItem(SIGN_IN_AGAIN_MEMORY_KEY)).toBeNull();
    expect(takeSignInAgain(browser)).toBeNull();
  });

  it('puts an error the server could not tie to an account on the one that left', () => {
    const browser = browserWith('#oauthError=:The%20sign-in%20expired');
    keepSignInAgain(browser, { ...LEFT, signedIn: {} });
    expect(takeSignInAgain(browser)?.returned).toEqual({
      destination: { error: 'The sign-in expired' },
    });
  });

  it('is null without a kept dialog, and still clears the fragment', () => {
    const browser = browserWith('#oauth=source:cred-google:alice%40gmail.test');
    expect(takeSignInAgain(browser)).toBeNull();
    expect(browser.hash()).toBe('');
  });
});
