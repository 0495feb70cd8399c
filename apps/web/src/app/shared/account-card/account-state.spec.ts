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
});
