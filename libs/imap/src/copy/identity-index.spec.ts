import { IdentityIndex } from './identity-index';

describe('IdentityIndex', () => {
  it('lets each destination message vouch for one source message only', () => {
    const index = new IdentityIndex(new Map([['mid:<a@b>', [{ uid: 7, flags: [], size: 10 }]]]));
    expect(index.take('mid:<a@b>')?.uid).toBe(7);
    expect(index.take('mid:<a@b>')).toBeUndefined();
  });

  it('matches on size too when asked', () => {
    const index = new IdentityIndex(new Map([['mid:<a@b>', [{ uid: 7, flags: [], size: 10 }]]]));
    expect(index.take('mid:<a@b>', 11)).toBeUndefined();
    expect(index.take('mid:<a@b>', 10)?.uid).toBe(7);
  });
});
