import { readFileSync } from 'node:fs';
import type { ServiceProcess } from './service-process';

export interface PeakMemory {
  service: string;
  /** VmHWM: the most resident memory the process ever held, in bytes. */
  peakRssBytes: number;
}

/** VmHWM of a live process, from /proc (Linux); undefined once it has exited. */
function peakRssOf(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** The peak resident memory of every running service process so far. */
export function peakMemory(processes: readonly ServiceProcess[]): PeakMemory[] {
  return processes.flatMap((process) => {
    const peak = process.running && process.pid ? peakRssOf(process.pid) : undefined;
    return peak === undefined ? [] : [{ service: process.options.name, peakRssBytes: peak }];
  });
}
