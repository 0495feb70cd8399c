import { MAX_NOTIFY_ATTEMPTS, retryDelayMs } from './retry-schedule';

describe('retryDelayMs', () => {
  it('doubles per attempt, between half and all of the full delay', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, 1_000, () => 1))).toEqual([
      1_000, 2_000, 4_000,
    ]);
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, 1_000, () => 0))).toEqual([
      500, 1_000, 2_000,
    ]);
  });

  it('gives up within a few minutes of the first attempt at the default base', () => {
    const longest = Array.from({ length: MAX_NOTIFY_ATTEMPTS - 1 }, (_, i) =>
      retryDelayMs(i + 1, 10_000, () => 1),
    ).reduce((sum, delay) => sum + delay, 0);
    expect(longest).toBe(310_000);
  });
});
