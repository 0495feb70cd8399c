import { readFile } from 'node:fs/promises';
import type { BtsxSystem } from '@btsx/testing';

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
  const stats: ProcessStats = { peakRssMb: {}, cpuSeconds: {} };
  for (const process of system.processes) {
    if (!process.pid) continue;
    const name = process.options.name;
    const [status, stat] = await Promise.all(
      ['status', 'stat'].map((file) =>
        readFile(`/proc/${process.pid}/${file}`, 'utf8').catch(() => ''),
      ),
    );
    const peakKb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
    if (Number.isFinite(peakKb)) stats.peakRssMb[name] = Math.round(peakKb / 1024);
    // Fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (Number.isFinite(ticks)) stats.cpuSeconds[name] = Math.round(ticks / TICKS_PER_SECOND);
  }
  return stats;
}
