import { readFileSync } from 'node:fs';
import type { ServiceProcess } from './service-process';

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface PeakMemory {
  service: string;
  /** VmHWM: the most resident memory the process ever held, in bytes. */
  peakRssBytes: number;
}

/** A file under /proc/<pid> (Linux); undefined once the process has exited. */
function procFile(pid: number, name: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** VmHWM of a live process, in bytes. */
function peakRssOf(pid: number): number | undefined {
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(procFile(pid, 'status') ?? '')?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}

/** CPU time (user + system) a live process used since it started, in seconds. */
function cpuSecondsOf(pid: number): number | undefined {
  const stat = procFile(pid, 'stat') ?? '';
  // After the command name (which may hold spaces): utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks / TICKS_PER_SECOND : undefined;
}

/** The peak resident memory of every running service process so far. */
export function peakMemory(processes: readonly ServiceProcess[]): PeakMemory[] {
  return processes.flatMap((process) => {
    const peak = process.running && process.pid ? peakRssOf(process.pid) : undefined;
    return peak === undefined ? [] : [{ service: process.options.name, peakRssBytes: peak }];
  });
}

/** CPU seconds of every running service process so far, by its name (`copier-2`). */
export function cpuSeconds(processes: readonly ServiceProcess[]): Record<string, number> {
  const used: Record<string, number> = {};
  for (const process of processes) {
    const seconds = process.running && process.pid ? cpuSecondsOf(process.pid) : undefined;
    if (seconds !== undefined) used[process.options.name] = seconds;
  }
  return used;
}
