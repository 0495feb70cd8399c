import { describe, expect, it } from 'vitest';
import { chartGeometry, rates } from './throughput-chart';

const sample = (second: number, bytes: number) => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
  bytes,
  copied: 0,
});

describe('throughput chart', () => {
  it('turns cumulative bytes into bytes per second', () => {
    expect(rates([sample(0, 0), sample(5, 5000), sample(10, 5000)]).map((r) => r.rate)).toEqual([
      0, 1000, 0,
    ]);
  });

  it('draws the peak at the top and zero at the bottom', () => {
    const chart = chartGeometry([sample(0, 0), sample(5, 5000), sample(10, 5000)], 100, 50);
    expect(chart).toEqual({ points: '0.0,50.0 50.0,0.0 100.0,50.0', peak: 1000 });
  });

  it('has nothing to draw before two samples are known', () => {
    expect(chartGeometry([sample(0, 0)], 100, 50)).toBeNull();
  });
});
