import { describe, expect, it } from 'vitest';
import { timeLeftMs } from './time-left';

const rate = { messagesPerSecond: 10, bytesPerSecond: 1_000 };
const now = Date.parse('2026-12-04T10:00:00Z');

describe('timeLeftMs', () => {
  it('is the messages left at the measured rate when the job does not wait', () => {
    expect(timeLeftMs(600, rate, null, now)).toBe(60_000);
  });

  it('counts a quota wait still ahead, and forgets one that is over', () => {
    expect(timeLeftMs(600, rate, '2026-12-04T12:00:00Z', now)).toBe(2 * 3600_000 + 60_000);
    expect(timeLeftMs(600, rate, '2026-12-04T09:00:00Z', now)).toBe(60_000);
  });

  it('is at least the wait when no rate was measured yet, and unknown without either', () => {
    expect(timeLeftMs(600, null, '2026-12-04T10:30:00Z', now)).toBe(30 * 60_000);
    expect(timeLeftMs(600, null, null, now)).toBeNull();
  });
});
