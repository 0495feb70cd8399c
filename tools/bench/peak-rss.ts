import { readFile } from 'node:fs/promises';
import type { BtsxSystem } from '@btsx/testing';

/** VmHWM of each running BTSX process: its peak resident set since it started, MB. */
export async function peakRss(system: BtsxSystem): Promise<Record<string, number>> {
  const peaks: Record<string, number> = {};
  for (const process of system.processes) {
    if (!process.pid) continue;
    const status = await readFile(`/proc/${process.pid}/status`, 'utf8').catch(() => '');
    const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
    if (Number.isFinite(kb)) peaks[process.options.name] = Math.round(kb / 1024);
  }
  return peaks;
}
