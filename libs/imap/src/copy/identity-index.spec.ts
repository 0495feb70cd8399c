import { IdentityIndex } from './identity-index';

describe('IdentityIndex', () => {
  it('lets each destination message vouch for one source message only', () => {
    const index = new IdentityIndex(new Map([['mid:<a@b>', [{ uid: 7, flags: [], size: 10 }]]]));
    expect(index.take('mid:<a@b>', 10)?.uid).toBe(7);
    expect(index.take('mid:<a@b>', 10)).toBeUndefined();
  });

  it('never takes a message of another size for the one asked for', () => {
    const index = new IdentityIndex(new Map([['mid:<a@b>', [{ uid: 7, flags: [], size: 10 }]]]));
    expect(index.take('mid:<a@b>', 11)).toBeUndefined();
    expect(index.take('mid:<a@b>', 10)?.uid).toBe(7);
  });
});
