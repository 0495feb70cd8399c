import type { ExecutionContext } from '@nestjs/common';
import { AttemptLimiter, admitAttempt } from './attempt-limiter';

describe('AttemptLimiter', () => {
  it('lets the limit through, then answers the seconds left in the window', () => {
    let now = 0;
    const limiter = new AttemptLimiter(2, 60_000, () => now);
    expect(limiter.hit('a')).toBeNull();
    expect(limiter.hit('a')).toBeNull();
    now = 15_000;
    expect(limiter.hit('a')).toBe(45);
    expect(limiter.hit('b')).toBeNull();
  });

  it('starts afresh once the window is over', () => {
    let now = 0;
    const limiter = new AttemptLimiter(1, 60_000, () => now);
    limiter.hit('a');
    expect(limiter.hit('a')).not.toBeNull();
    now = 60_000;
    expect(limiter.hit('a')).toBeNull();
  });
});

describe('admitAttempt', () => {
  function context(headers: Record<string, string>): ExecutionContext {
    const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
    return { switchToHttp: () => ({ getResponse: () => response }) } as ExecutionContext;
  }

  it('admits an attempt no limiter refused', () => {
    const headers = {};
    expect(admitAttempt(context(headers), [null, null])).toBe(true);
    expect(headers).toEqual({});
  });

  it('refuses with 429 and the longest wait as Retry-After', () => {
    const headers: Record<string, string> = {};
    expect(() => admitAttempt(context(headers), [12, null, 40])).toThrow(
      expect.objectContaining({ status: 429, message: expect.stringContaining('40 seconds') }),
    );
    expect(headers).toEqual({ 'Retry-After': '40' });
  });
});
