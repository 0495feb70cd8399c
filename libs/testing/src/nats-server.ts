import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DetachedProcess,
  findExecutable,
  freePort,
  logTail,
  spawnDetached,
  waitUntil,
} from '@btsx/runner';

/** JetStream reports healthy 36–50 ms after spawn; allow for a loaded CI machine. */
const READY_TIMEOUT_MS = 10_000;

export interface NatsServer {
  url: string;
  stop(): Promise<void>;
  /** Stops gracefully and starts again on the same port and store dir. */
  restart(): Promise<void>;
}

async function jetStreamHealthy(monitorPort: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${monitorPort}/healthz?js-enabled-only=true`);
  const body = (await response.json()) as { status?: string };
  return response.ok && body.status === 'ok';
}

/** Starts nats-server with JetStream on loopback; the store lives in a temp dir unless given. */
export async function startNats(
  options: { port?: number; storeDir?: string } = {},
): Promise<NatsServer> {
  const dir = await mkdtemp(join(tmpdir(), 'btsx-nats-'));
  const storeDir = options.storeDir ?? join(dir, 'jetstream');
  const logPath = join(dir, 'nats.log');
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

  // SIGKILL could lose JetStream state not yet written (consumer acks, deletes), so a
  // store that outlives the process gets a graceful SIGTERM instead.
  const halt = (server: DetachedProcess, keepStore: boolean): Promise<void> =>
    keepStore ? server.signal('SIGTERM') : server.kill();

  let current: DetachedProcess;
  try {
    current = await launch();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      await halt(current, options.storeDir !== undefined);
      await rm(dir, { recursive: true, force: true });
    },
    async restart() {
      await halt(current, true);
      current = await launch();
    },
  };
}
