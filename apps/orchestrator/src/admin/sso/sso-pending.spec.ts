import { newPendingSignIn, PENDING_SIGN_IN_TTL_MS, PendingSignInSeal } from './sso-pending';

describe('PendingSignInSeal', () => {
  const seal = new PendingSignInSeal('client-secret');

  it('opens what it sealed, until it expires', () => {
    const pending = newPendingSignIn(1_000);
    const cookie = seal.seal(pending);
    expect(seal.open(cookie, 1_000)).toEqual(pending);
    expect(seal.open(cookie, 1_000 + PENDING_SIGN_IN_TTL_MS)).toBeNull();
  });

  it('refuses a changed cookie, one sealed under another secret, and none', () => {
    const pending = newPendingSignIn(1_000);
    const [, mac] = seal.seal(pending).split('.');
    const changed = Buffer.from(JSON.stringify({ ...pending, nonce: 'mine' })).toString(
      'base64url',
    );
    expect(seal.open(`${changed}.${mac}`, 1_000)).toBeNull();
    expect(new PendingSignInSeal('another-secret').open(seal.seal(pending), 1_000)).toBeNull();
    expect(seal.open(undefined)).toBeNull();
  });
});
