import { MAX_RANGES, splitUidRanges } from './uid-ranges';

const PER_RANGE = 250;

describe('splitUidRanges', () => {
  it('keeps a folder whole when cutting is off, its counts are unknown or it is small', () => {
    expect(splitUidRanges({ messages: 1_000_000, uidNext: 1_000_001 }, 0)).toEqual([
      { uidFrom: 1 },
    ]);
    expect(splitUidRanges(undefined, PER_RANGE)).toEqual([{ uidFrom: 1 }]);
    expect(splitUidRanges({ messages: undefined, uidNext: undefined }, PER_RANGE)).toEqual([
      { uidFrom: 1 },
    ]);
    expect(splitUidRanges({ messages: PER_RANGE * 2 - 1, uidNext: 10_000 }, PER_RANGE)).toEqual([
      { uidFrom: 1 },
    ]);
  });

  it('covers every UID exactly once, the last range open-ended', () => {
    const ranges = splitUidRanges({ messages: 1000, uidNext: 1001 }, PER_RANGE);
    expect(ranges).toEqual([
      { uidFrom: 1, uidTo: 250 },
      { uidFrom: 251, uidTo: 500 },
      { uidFrom: 501, uidTo: 750 },
      { uidFrom: 751 },
    ]);
  });

  it('cuts sparse UID spaces evenly and never more than MAX_RANGES ways', () => {
    const ranges = splitUidRanges({ messages: 1_000_000, uidNext: 5_000_001 }, PER_RANGE);
    expect(ranges).toHaveLength(MAX_RANGES);
    for (const [n, range] of ranges.slice(1).entries()) {
      expect(range.uidFrom).toBe((ranges[n].uidTo ?? NaN) + 1);
    }
    expect(ranges.at(-1)?.uidTo).toBeUndefined();
  });

  it('never makes more ranges than there are UIDs', () => {
    expect(splitUidRanges({ messages: 600, uidNext: 3 }, PER_RANGE)).toEqual([
      { uidFrom: 1, uidTo: 1 },
      { uidFrom: 2 },
    ]);
  });
});
