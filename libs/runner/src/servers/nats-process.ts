import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  /** Users and what each may do: without it, anyone who reaches the port may do anything. */
  authorization?: NatsAuthorization;
  /** A node of a JetStream cluster on loopback; without it, a server of its own. */
  cluster?: NatsClusterMembership;
}

export interface NatsClusterMembership {
  /** Unique in the cluster: JetStream names its peers by it. */
  serverName: string;
  clusterName: string;
  /** Where this node takes routes from the others. */
  routePort: number;
  /** Every node's route port, this one's too (nats-server does not route to itself). */
  routePorts: number[];
}

/** nats-server's flags for a cluster node: a name, a route port, and routes to every node. */
function clusterArgs(node: NatsClusterMembership | undefined): string[] {
  if (!node) return [];
  const routes = node.routePorts.map((port) => `nats://127.0.0.1:${port}`).join(',');
  return [
    '--server_name',
    node.serverName,
    '--cluster_name',
    node.clusterName,
    '--cluster',
    `nats://127.0.0.1:${node.routePort}`,
    '--routes',
    routes,
  ];
}

export interface NatsAuthorization {
  /** nats-server's `authorization` block, naming each password as a `$VARIABLE`. */
  config: string;
  /** Those variables, given to nats-server's environment. */
  passwords: Record<string, string>;
}

/**
 * A random password nats-server takes from its environment as a string: it parses the value
 * of a `$VARIABLE` as config, so it must start with a letter and hold only letters and digits.
 */
export function randomNatsPassword(): string {
  return `n${randomBytes(24).toString('hex')}`;
}

/** Writes the authorization beside the store; the passwords stay in the environment. */
async function authorizationArgs(options: NatsOptions): Promise<string[]> {
  if (!options.authorization) return [];
  await mkdir(options.storeDir, { recursive: true });
  const path = join(options.storeDir, 'authorization.conf');
  await writeFile(path, options.authorization.config, { mode: 0o600 });
  return ['-c', path];
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

/**
 * Starts nats-server with JetStream on loopback, with the given users if any; ready once
 * JetStream reports healthy.
 */
export async function startNatsProcess(options: NatsOptions): Promise<NatsProcess> {
  const { storeDir, logPath } = options;
  const [port, monitorPort] = await Promise.all([options.port ?? freePort(), freePort()]);
  const binary = findExecutable('nats-server', 'nats-server');
  const args = ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', `${port}`];
  args.push('-m', `${monitorPort}`, '-l', logPath, ...(await authorizationArgs(options)));
  args.push(...clusterArgs(options.cluster));
  const env = options.authorization?.passwords;

  const launch = async (): Promise<DetachedProcess> => {
    const server = spawnDetached(binary, args, env);
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
