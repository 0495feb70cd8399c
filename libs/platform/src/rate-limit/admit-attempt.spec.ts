import type { ExecutionContext } from '@nestjs/common';
import { admitAttempt } from './admit-attempt';

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

  it('names what was refused', () => {
    expect(() => admitAttempt(context({}), [5], 'jobs started')).toThrow(
      'Too many jobs started; try again in 5 seconds',
    );
  });
});
