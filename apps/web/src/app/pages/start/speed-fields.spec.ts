import { describe, expect, it } from 'vitest';
import { NO_SPEED_LIMIT, speedFields, speedFieldsProblem, speedLimits } from './speed-fields';

describe('speed fields', () => {
  it('send nothing when empty, and only what is set', () => {
    expect(speedLimits(NO_SPEED_LIMIT)).toEqual({});
    expect(speedLimits({ megabytesPerSecond: 2.5, messagesPerSecond: null })).toEqual({
      limits: { bytesPerSecond: 2.5 * 1024 * 1024 },
    });
    expect(speedLimits({ megabytesPerSecond: null, messagesPerSecond: 20 })).toEqual({
      limits: { messagesPerSecond: 20 },
    });
  });

  it('refuse a speed of 0 or less, and messages a second that are not whole', () => {
    expect(speedFieldsProblem(NO_SPEED_LIMIT)).toBeNull();
    expect(speedFieldsProblem({ megabytesPerSecond: 0, messagesPerSecond: null })).toMatch(
      /more than 0/,
    );
    expect(speedFieldsProblem({ megabytesPerSecond: null, messagesPerSecond: 1.5 })).toMatch(
      /whole number/,
    );
  });

  it('come back from the options a page saved', () => {
    const limits = { bytesPerSecond: 5 * 1024 * 1024, messagesPerSecond: 20 };
    expect(speedFields({ limits })).toEqual({ megabytesPerSecond: 5, messagesPerSecond: 20 });
    expect(speedFields({})).toEqual(NO_SPEED_LIMIT);
  });
});
