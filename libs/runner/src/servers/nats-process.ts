import { spawnDetached, type DetachedProcess } from '../process/detached-process';
import { findExecutable } from '../process/find-executable';
import { freePort } from '../process/free-port';
import { logTail } from '../process/log-tail';
import { waitUntil } from '../process/wait-until';

/** JetStream reports healthy 36–50 ms after spawn; allow for a loaded CI machine. */
const READY_TIMEOUT_MS = 10_000;

export interface NatsOptions {
  /** JetStream's store; kept after stop(). */
  storeDir: string;
  logPath: string;
  port?: number;
}

export interface NatsProcess {
  url: string;
  /** SIGTERM: JetStream writes what it has not yet (consumer acks, deletes) before it exits. */
  stop(): Promise<void>;
  /** SIGKILL: quicker, for a store nobody keeps. */
  kill(): Promise<void>;
  /** Stops gracefully and starts again on the same port and store. */
  restart(): Promise<void>;
}

async function jetStreamHealthy(monitorPort: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${monitorPort}/healthz?js-enabled-only=true`);
  const body = (await response.json()) as { status?: string };
  return response.ok && body.status === 'ok';
}

/** Starts nats-server with JetStream on loopback; ready once JetStream reports healthy. */
export async function startNatsProcess(options: NatsOptions): Promise<NatsProcess> {
  const { storeDir, logPath } = options;
  const [port, monitorPort] = await Promise.all([options.port ?? freePort(), freePort()]);
  const binary = findExecutable('nats-server', 'nats-server');
  const args = ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', `${port}`];
  args.push('-m', `${monitorPort}`, '-l', logPath);

  const launch = async (): Promise<DetachedProcess> => {
    const server = spawnDetached(binary, args);
    try {
      await waitUntil('nats-server', () => jetStreamHealthy(monitorPort), {
        timeoutMs: READY_TIMEOUT_MS,
        abort: server.exited,
        describe: () => logTail(logPath),
      });
    } catch (error) {
      await server.kill();
      throw error;
    }
    return server;
  };

  let current = await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    stop: () => current.signal('SIGTERM'),
    kill: () => current.kill(),
    async restart() {
      await current.signal('SIGTERM');
      current = await launch();
    },
  };
}
