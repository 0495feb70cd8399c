import { MAX_RANGES, MESSAGES_PER_RANGE, splitUidRanges } from './uid-ranges';

describe('splitUidRanges', () => {
  it('keeps a folder whole when its counts are unknown or it is small', () => {
    expect(splitUidRanges(undefined)).toEqual([{ uidFrom: 1 }]);
    expect(splitUidRanges({ messages: undefined, uidNext: undefined })).toEqual([{ uidFrom: 1 }]);
    expect(splitUidRanges({ messages: MESSAGES_PER_RANGE * 2 - 1, uidNext: 10_000 })).toEqual([
      { uidFrom: 1 },
    ]);
  });

  it('covers every UID exactly once, the last range open-ended', () => {
    const ranges = splitUidRanges({ messages: 1000, uidNext: 1001 });
    expect(ranges).toEqual([
      { uidFrom: 1, uidTo: 250 },
      { uidFrom: 251, uidTo: 500 },
      { uidFrom: 501, uidTo: 750 },
      { uidFrom: 751 },
    ]);
  });

  it('cuts sparse UID spaces evenly and never more than MAX_RANGES ways', () => {
    const ranges = splitUidRanges({ messages: 1_000_000, uidNext: 5_000_001 });
    expect(ranges).toHaveLength(MAX_RANGES);
    for (const [n, range] of ranges.slice(1).entries()) {
      expect(range.uidFrom).toBe((ranges[n].uidTo ?? NaN) + 1);
    }
    expect(ranges.at(-1)?.uidTo).toBeUndefined();
  });

  it('never makes more ranges than there are UIDs', () => {
    expect(splitUidRanges({ messages: 600, uidNext: 3 })).toEqual([
      { uidFrom: 1, uidTo: 1 },
      { uidFrom: 2 },
    ]);
  });
});
