import { emptyUsage, release, reserve, SLOTS_PER_WINDOW } from './rolling-window';

const DAY = SLOTS_PER_WINDOW * 1_000; // 1 s slots keep the arithmetic readable
const rule = { limitBytes: 500, windowMs: DAY };

describe('rolling window quota', () => {
  it('grants reservations until the quota is used up', () => {
    const usage = emptyUsage();
    expect(reserve(usage, 300, rule, 0)).toEqual({ granted: true, slot: 0 });
    expect(reserve(usage, 200, rule, 1_500)).toEqual({ granted: true, slot: 1_000 });
    expect(reserve(usage, 1, rule, 2_000).granted).toBe(false);
  });

  it('resumes when the oldest slots that make room have left the window', () => {
    const usage = emptyUsage();
    reserve(usage, 300, rule, 0);
    reserve(usage, 200, rule, 5_000);
    // 100 more need the first slot (0–1 s) gone: at 1 s + the window.
    expect(reserve(usage, 100, rule, 6_000)).toEqual({ granted: false, resumesAt: 1_000 + DAY });
    expect(reserve(usage, 100, rule, 1_000 + DAY).granted).toBe(true);
  });

  it('lets a message larger than the whole quota go alone, into an empty window', () => {
    const usage = emptyUsage();
    expect(reserve(usage, 900, rule, 0).granted).toBe(true);
    expect(reserve(usage, 900, rule, 10)).toEqual({ granted: false, resumesAt: 1_000 + DAY });
  });

  it('gives back what a reservation did not use', () => {
    const usage = emptyUsage();
    const taken = reserve(usage, 500, rule, 0);
    expect(taken.granted && release(usage, taken.slot, 200)).toBe(true);
    expect(reserve(usage, 200, rule, 10).granted).toBe(true);
    expect(release(usage, 99_000, 10)).toBe(false);
  });
});
