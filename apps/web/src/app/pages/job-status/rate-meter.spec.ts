import { describe, expect, it } from 'vitest';
import { averageRate, RateMeter } from './rate-meter';

describe('RateMeter', () => {
  it('has no rate before enough time has passed', () => {
    const meter = new RateMeter();
    meter.add(0, 0, 0);
    meter.add(500, 10, 1000);
    expect(meter.rate()).toBeNull();
  });

  it('measures messages and bytes per second', () => {
    const meter = new RateMeter();
    meter.add(0, 0, 0);
    meter.add(2_000, 20, 4_000_000);
    expect(meter.rate()).toEqual({ messagesPerSecond: 10, bytesPerSecond: 2_000_000 });
  });

  it('averages a finished job over its run time', () => {
    expect(averageRate(100, 1000, '2025-01-01T00:00:00Z', '2025-01-01T00:00:10Z')).toEqual({
      messagesPerSecond: 10,
      bytesPerSecond: 100,
    });
  });
});
