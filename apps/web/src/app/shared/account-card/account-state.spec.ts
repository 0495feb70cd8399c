import { describe, expect, it } from 'vitest';
import { AccountState } from './account-state';

describe('AccountState', () => {
  it('is authenticated with the credential after a successful verification', () => {
    const state = new AccountState();
    state.succeed(state.begin(), 'cred-1');
    expect(state.authenticated()).toBe(true);
    expect(state.credentialId()).toBe('cred-1');
  });

  it('clears the tick when a field is edited', () => {
    const state = new AccountState();
    state.succeed(state.begin(), 'cred-1');
    state.edited();
    expect(state.phase()).toBe('editing');
    expect(state.credentialId()).toBeNull();
  });

  it('drops an answer that arrives after the fields were edited', () => {
    const state = new AccountState();
    const ticket = state.begin();
    state.edited();
    state.succeed(ticket, 'stale');
    expect(state.authenticated()).toBe(false);
  });

  it('keeps the server reason on failure', () => {
    const state = new AccountState();
    state.fail(state.begin(), 'Wrong password');
    expect(state.phase()).toBe('error');
    expect(state.error()).toBe('Wrong password');
  });

  it('restores an outcome earned before a round trip: the credential, or the reason', () => {
    const signedIn = new AccountState();
    signedIn.restoreOutcome({ credentialId: 'cred-1' });
    expect(signedIn.credentialId()).toBe('cred-1');
    const refused = new AccountState();
    refused.restoreOutcome({ error: 'Consent was refused' });
    expect(refused.error()).toBe('Consent was refused');
    const untouched = new AccountState();
    untouched.restoreOutcome({ credentialId: null });
    expect(untouched.phase()).toBe('editing');
  });
});
