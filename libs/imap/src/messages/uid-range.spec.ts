import { uidSet, uidSets } from './uid-range';

describe('uidSet', () => {
  it('writes runs of UIDs as ranges, in order, each UID once', () => {
    expect(uidSet([9, 1, 2, 3, 7, 12, 10, 11, 3])).toBe('1:3,7,9:12');
    expect(uidSet([5])).toBe('5');
  });

  it('cuts scattered UIDs into sets short enough for one command line each', () => {
    const odd = Array.from({ length: 1000 }, (_, i) => 2 * i + 1);
    const sets = uidSets(odd, 100);
    expect(sets.every((set) => set.length <= 100)).toBe(true);
    expect(sets.join(',')).toBe(uidSet(odd));
    expect(uidSets([])).toEqual([]);
  });
});
