import { readFile } from 'node:fs/promises';
import { peakMemory, type BtsxSystem } from '@btsx/testing';

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface ProcessStats {
  /** Peak resident set (VmHWM) of each BTSX process since it started, MB. */
  peakRssMb: Record<string, number>;
  /** CPU time (user + system) each process used since it started, seconds. */
  cpuSeconds: Record<string, number>;
}

/** Read from /proc for every running BTSX process, by its service name. */
export async function processStats(system: BtsxSystem): Promise<ProcessStats> {
  const peakRssMb = Object.fromEntries(
    peakMemory(system.processes).map((p) => [p.service, Math.round(p.peakRssBytes / 2 ** 20)]),
  );
  const cpuSeconds: Record<string, number> = {};
  for (const process of system.processes) {
    if (!process.pid) continue;
    const stat = await readFile(`/proc/${process.pid}/stat`, 'utf8').catch(() => '');
    // After the command name (which may hold spaces): utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (Number.isFinite(ticks))
      cpuSeconds[process.options.name] = Math.round(ticks / TICKS_PER_SECOND);
  }
  return { peakRssMb, cpuSeconds };
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
