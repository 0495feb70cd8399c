import { MAX_REQUESTED_DELAY_MS, retryDelay } from './retry-delay';

describe('retryDelay', () => {
  it('doubles with each attempt, between half and all of the backoff', () => {
    expect(retryDelay(new Error('x'), 1, () => 0)).toBe(500);
    expect(retryDelay(new Error('x'), 1, () => 1)).toBe(1_000);
    expect(retryDelay(new Error('x'), 3, () => 1)).toBe(4_000);
    expect(retryDelay(new Error('x'), 3, () => 0)).toBe(2_000);
  });

  it('stops growing at 30 s', () => {
    expect(retryDelay(new Error('x'), 20, () => 1)).toBe(30_000);
  });

  it('honours the delay the error asks for, up to the cap', () => {
    expect(retryDelay({ retryAfterMs: 45_000 }, 1)).toBe(45_000);
    expect(retryDelay({ retryAfterMs: 10 * 60_000 }, 1)).toBe(MAX_REQUESTED_DELAY_MS);
  });
});
