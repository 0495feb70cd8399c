import { readFile } from 'node:fs/promises';
import { cpuSeconds, peakMemory, type BtsxSystem } from '@btsx/runner';

export interface ProcessStats {
  /** Peak resident set (VmHWM) of each BTSX process since it started, MB. */
  peakRssMb: Record<string, number>;
  /** CPU time (user + system) each process used since it started, seconds. */
  cpuSeconds: Record<string, number>;
}

/** Read from /proc for every running BTSX process, by its service name. */
export function processStats(system: BtsxSystem): ProcessStats {
  const round = (values: [string, number][]) =>
    Object.fromEntries(values.map(([name, value]) => [name, Math.round(value)]));
  return {
    peakRssMb: round(
      peakMemory(system.processes).map((p) => [p.service, p.peakRssBytes / 2 ** 20]),
    ),
    cpuSeconds: round(Object.entries(cpuSeconds(system.processes))),
  };
}

/** CPU seconds each BTSX process used between this call and the returned function's, to 0.01 s. */
export function processCpu(system: BtsxSystem): () => Record<string, number> {
  const start = cpuSeconds(system.processes);
  return () =>
    Object.fromEntries(
      Object.entries(cpuSeconds(system.processes)).map(([name, seconds]) => [
        name,
        Math.round(100 * (seconds - (start[name] ?? 0))) / 100,
      ]),
    );
}

/** Busy and total CPU ticks of the whole machine so far (/proc/stat's first line). */
async function machineTicks(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0];
  const ticks = line.split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
  return { busy: total - ticks[3] - ticks[4], total };
}

/** How busy all cores were between start() and the returned function's call, in percent. */
export async function machineCpu(): Promise<() => Promise<number>> {
  const start = await machineTicks();
  return async () => {
    const end = await machineTicks();
    return Math.round((100 * (end.busy - start.busy)) / Math.max(1, end.total - start.total));
  };
}
