import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { onProcessExit } from '../process/exit-cleanup';
import { logTail } from '../process/log-tail';
import { waitUntil } from '../process/wait-until';
import { reachableHost } from './reachable-host';

/** Log levels at which a service does not print its "ready on" line. */
const QUIET_LEVELS = ['error', 'warn'];
/** Services boot in about a second; migrations and a cold NATS may take longer. */
const READY_TIMEOUT_MS = 30_000;

export interface ServiceProcessOptions {
  name: string;
  entry: string;
  nodeFlags: string[];
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
    const { entry, nodeFlags, env, logPath, name, port } = this.options;
    const ownOutputFrom = existsSync(logPath) ? statSync(logPath).size : 0;
    const log = openSync(logPath, 'a');
    // No --enable-source-maps: parsing every library's maps costs each process ~25 MB
    // (docs/performance.md); tsc's output is plain JavaScript, readable in a stack trace.
    const child = spawn(process.execPath, [...nodeFlags, entry], {
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
    // The port answering is not enough: another process can hold it (a port found free was
    // taken meanwhile), while this one fails with EADDRINUSE. It must also say it listens,
    // unless its log level leaves that line out.
    const announces = !QUIET_LEVELS.includes(env['LOG_LEVEL'] ?? 'log');
    const ready = async () =>
      (!announces || (await saidReady(logPath, ownOutputFrom))) && healthy(env['HOST'], port);
    await waitUntil(name, ready, {
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

/** Whether the service wrote its "ready on" line (run-service.ts) after `from` in its log. */
async function saidReady(logPath: string, from: number): Promise<boolean> {
  const file = await open(logPath, 'r');
  try {
    const { size } = await file.stat();
    const { buffer, bytesRead } = await file.read(Buffer.alloc(size - from), 0, size - from, from);
    return buffer.subarray(0, bytesRead).includes(' ready on http');
  } finally {
    await file.close();
  }
}

/** `host` is the address the service binds (its HOST), unset for the default, loopback. */
async function healthy(host: string | undefined, port: number): Promise<boolean> {
  const response = await fetch(`http://${reachableHost(host)}:${port}/health`);
  return response.ok;
}
