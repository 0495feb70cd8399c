import { uidSet } from './uid-range';

describe('uidSet', () => {
  it('writes runs of UIDs as ranges, in order, each UID once', () => {
    expect(uidSet([9, 1, 2, 3, 7, 12, 10, 11, 3])).toBe('1:3,7,9:12');
    expect(uidSet([5])).toBe('5');
  });
});
