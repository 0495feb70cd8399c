import type { ThroughputSample } from '@btsx/contracts';

export interface ChartGeometry {
  /** SVG polyline points, "x,y x,y ..." in a width × height box. */
  points: string;
  /** The highest rate shown, bytes per second (the top of the chart). */
  peak: number;
}

/** Bytes per second between consecutive samples of cumulative bytes, from zero at the first. */
export function rates(samples: ThroughputSample[]): { at: number; rate: number }[] {
  if (samples.length === 0) return [];
  const out = [{ at: Date.parse(samples[0].at), rate: 0 }];
  for (let i = 1; i < samples.length; i++) {
    const seconds = (Date.parse(samples[i].at) - Date.parse(samples[i - 1].at)) / 1000;
    if (seconds <= 0) continue;
    const rate = Math.max(0, (samples[i].bytes - samples[i - 1].bytes) / seconds);
    out.push({ at: Date.parse(samples[i].at), rate });
  }
  return out;
}

/** The throughput over time as a line: time left to right, zero at the bottom. */
export function chartGeometry(
  samples: ThroughputSample[],
  width: number,
  height: number,
): ChartGeometry | null {
  const points = rates(samples);
  if (points.length < 2) return null;
  const first = points[0].at;
  const span = points[points.length - 1].at - first || 1;
  const peak = Math.max(...points.map((p) => p.rate)) || 1;
  const xy = points.map((p) => {
    const x = ((p.at - first) / span) * width;
    const y = height - (p.rate / peak) * height;
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  return { points: xy.join(' '), peak };
}
