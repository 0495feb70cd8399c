import { spawn, type ChildProcess } from 'node:child_process';
import { onProcessExit } from './exit-cleanup';

/** A server process that leads its own process group, so one signal reaches all its children. */
export interface DetachedProcess {
  readonly child: ChildProcess;
  /** SIGKILLs the whole group and resolves once the leader has exited. */
  kill(): Promise<void>;
  /** Sends `signal` to the leader only (a graceful stop) and resolves once it has exited. */
  signal(signal: NodeJS.Signals): Promise<void>;
  /** Resolves when the leader exits, with a description of how. */
  readonly exited: Promise<string>;
}

/** `env` adds to this process's environment. */
export function spawnDetached(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): DetachedProcess {
  const child = spawn(command, args, {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, ...env },
  });
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`failed to start: ${error.message}`));
    child.once('exit', (code, signal) => resolve(`exited with ${signal ?? `code ${code}`}`));
  });
  const killGroup = (): void => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, 'SIGKILL');
    }
  };
  const unregister = onProcessExit(killGroup);
  void exited.then(unregister);
  return {
    child,
    exited,
    async kill() {
      try {
        killGroup();
      } catch {
        // Already gone.
      }
      await exited;
    },
    async signal(name) {
      if (child.exitCode === null && child.signalCode === null) child.kill(name);
      await exited;
    },
  };
}
