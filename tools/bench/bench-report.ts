import { cpus } from 'node:os';

/** One measured run: what the issue asks every bench to report. */
export interface BenchFigures {
  scenario: string;
  run: string;
  /** The destination server: dovecot, courier or cyrus (the source is always Dovecot). */
  destination?: string;
  messages: number;
  megabytes: number;
  seconds: number;
  messagesPerSecond: number;
  megabytesPerSecond: number;
  copiers: number;
  latencyMs: number;
  /** Most IMAP sessions one account had open at once on each server (doveadm who). */
  connections: { source: number; destination: number };
  /** Peak resident memory of each BTSX process (VmHWM), MB. */
  peakRssMb: Record<string, number>;
  /** CPU seconds each BTSX process used since it started: where the time went. */
  cpuSeconds: Record<string, number>;
  cores: number;
  /** How busy all cores were during the run, in percent: near 100, the machine is the limit. */
  cpuBusyPercent: number;
  /** Scenario-specific figures (ratios, control-plane timings). */
  extra?: Record<string, number>;
}

export function figures(
  base: Omit<BenchFigures, 'megabytes' | 'messagesPerSecond' | 'megabytesPerSecond' | 'cores'> & {
    bytes: number;
  },
): BenchFigures {
  const { bytes, ...rest } = base;
  return {
    ...rest,
    megabytes: round(bytes / 1e6, 1),
    seconds: round(base.seconds, 2),
    messagesPerSecond: round(base.messages / base.seconds, 1),
    megabytesPerSecond: round(bytes / 1e6 / base.seconds, 2),
    cores: cpus().length,
  };
}

export function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

/** A table for people, or one JSON line per run for tracking. */
export function printFigures(runs: BenchFigures[], json: boolean): void {
  if (json) {
    for (const run of runs) console.log(JSON.stringify(run));
    return;
  }
  console.table(
    runs.map(({ connections, peakRssMb, cpuSeconds, extra, ...run }) => ({
      ...run,
      'conns src/dst': `${connections.source}/${connections.destination}`,
      'peak RSS MB': pairs(peakRssMb),
      'CPU s': pairs(cpuSeconds),
      ...(extra ? { more: pairs(extra) } : {}),
    })),
  );
}

function pairs(values: Record<string, number>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
}
