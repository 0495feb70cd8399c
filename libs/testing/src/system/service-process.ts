import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { onProcessExit } from '../exit-cleanup';
import { waitUntil } from '../wait-until';
import { logTail } from '../log-tail';

/** Services boot in about a second; migrations and a cold NATS may take longer. */
const READY_TIMEOUT_MS = 30_000;

export interface ServiceProcessOptions {
  name: string;
  entry: string;
  env: Record<string, string>;
  port: number;
  logPath: string;
}

/** One service as its own Node process, output to a log file, ready when /health answers. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<string> = Promise.resolve('not started');

  constructor(readonly options: ServiceProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Started and not exited (nor killed). */
  get running(): boolean {
    const child = this.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  async start(): Promise<void> {
    const { entry, env, logPath, name, port } = this.options;
    const log = openSync(logPath, 'a');
    // No --enable-source-maps: parsing every library's maps costs each process ~25 MB
    // (docs/performance.md); tsc's output is plain JavaScript, readable in a stack trace.
    const child = spawn(process.execPath, [entry], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', log, log],
      detached: true,
    });
    closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) =>
        resolve(`${name} exited with ${signal ?? `code ${code}`}`),
      );
    });
    const unregister = onProcessExit(() => child.exitCode === null && child.kill('SIGKILL'));
    void this.exited.then(unregister);
    await waitUntil(name, () => healthy(port), {
      timeoutMs: READY_TIMEOUT_MS,
      abort: this.exited,
      describe: () => logTail(logPath),
    });
  }

  /** Sends a signal (SIGTERM for a graceful stop, SIGKILL for a crash) and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await this.exited;
  }
}

async function healthy(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/health`);
  return response.ok;
}
