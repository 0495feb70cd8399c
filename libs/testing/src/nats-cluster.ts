import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busPasswords, inboxPrefix, natsAuthorization, type BusUser } from '@btsx/contracts';
import {
  freePort,
  type NatsProcess,
  randomNatsPassword,
  startNatsProcess,
  waitUntil,
} from '@btsx/runner';
import { connect, type JetStreamManager, StorageType } from 'nats';
import type { NatsServer } from './nats-server';

/**
 * A cluster's JetStream elects its meta leader within about a second on loopback, and knows
 * every peer soon after.
 */
const READY_TIMEOUT_MS = 30_000;
/** Created and deleted to learn that a stream on every node can be placed. */
const PROBE_STREAM = 'BTSX_CLUSTER_READY_PROBE';

export interface NatsClusterNode {
  /** JetStream's name for it, as stream infos name leaders and replicas. */
  serverName: string;
  url: string;
  /** SIGKILL: the node is lost as a crashed machine would be, its store kept. */
  kill(): Promise<void>;
  /** Starts the node again (after kill or not) on its port, store and routes. */
  restart(): Promise<void>;
}

/** A NatsServer whose `url` names every node (comma-separated, as NATS_URL takes them). */
export interface NatsCluster extends NatsServer {
  nodes: NatsClusterNode[];
  /** The node that leads `stream` now, by JetStream's stream info. */
  leaderOf(stream: string): Promise<NatsClusterNode>;
}

/**
 * Starts a JetStream cluster of `size` nats-server processes on loopback, each with its own
 * store in one temp dir removed on stop(), routed to each other; ready once JetStream can
 * place a stream on every node. `withUsers` as for startNats.
 */
export async function startNatsCluster(
  options: { size?: number; withUsers?: boolean } = {},
): Promise<NatsCluster> {
  const size = options.size ?? 3;
  const dir = await mkdtemp(join(tmpdir(), 'btsx-nats-cluster-'));
  const passwords = options.withUsers ? busPasswords(randomNatsPassword) : undefined;
  const started: NatsProcess[] = [];
  try {
    // Every port chosen before any node binds one: no node may take another's.
    const ports: number[] = [];
    for (let n = 0; n < 2 * size; n++) ports.push(await freePort(ports));
    const [clientPorts, routePorts] = [ports.slice(0, size), ports.slice(size)];
    const names = routePorts.map((_, n) => `btsx-nats-${n + 1}`);
    for (const [n, serverName] of names.entries()) {
      const node = await startNatsProcess({
        storeDir: join(dir, serverName, 'jetstream'),
        logPath: join(dir, `${serverName}.log`),
        port: clientPorts[n],
        authorization: passwords && natsAuthorization(passwords),
        cluster: { serverName, clusterName: 'btsx', routePort: routePorts[n], routePorts },
      });
      started.push(node);
    }
    const servers = started.map((node) => node.url);
    const url = servers.join(',');
    await untilPlaceable(servers, passwords);
    const nodes = started.map((node, n) => ({
      serverName: names[n],
      url: node.url,
      kill: () => node.kill(),
      restart: () => node.restart(),
    }));
    return {
      url,
      passwords,
      nodes,
      leaderOf: async (stream) => {
        const leader = await withJetStream(servers, passwords, async (jsm) => {
          return (await jsm.streams.info(stream)).cluster?.leader;
        });
        const node = nodes.find((n) => n.serverName === leader);
        if (!node) throw new Error(`Stream ${stream} has no leader now`);
        return node;
      },
      async stop() {
        await Promise.all(started.map((node) => node.kill()));
        await rm(dir, { recursive: true, force: true });
      },
      /** A rolling restart: one node at a time, as an upgrade goes. */
      async restart() {
        for (const node of started) await node.restart();
        await untilPlaceable(servers, passwords);
      },
    };
  } catch (error) {
    await Promise.all(started.map((node) => node.kill()));
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Waits until a stream with a replica on every node can be created: the meta leader answering
 * is not enough, as it may not know every peer yet ("no suitable peers for placement").
 */
function untilPlaceable(servers: string[], passwords?: Record<BusUser, string>): Promise<void> {
  return withJetStream(servers, passwords, async (jsm) => {
    const placed = async () => {
      const probe = { name: PROBE_STREAM, storage: StorageType.Memory };
      await jsm.streams.add({ ...probe, num_replicas: servers.length });
      await jsm.streams.delete(PROBE_STREAM);
      return true;
    };
    await waitUntil('a stream on every JetStream node', placed, { timeoutMs: READY_TIMEOUT_MS });
  });
}

/** `work` with JetStream's manager on a connection of its own, as the orchestrator's user. */
async function withJetStream<T>(
  servers: string[],
  passwords: Record<BusUser, string> | undefined,
  work: (jsm: JetStreamManager) => Promise<T>,
): Promise<T> {
  // A user reads replies only in its own inboxes.
  const credentials = passwords && {
    user: 'orchestrator',
    pass: passwords.orchestrator,
    inboxPrefix: inboxPrefix('orchestrator'),
  };
  const nc = await connect({ servers, ...credentials });
  try {
    return await work(await nc.jetstreamManager({ checkAPI: false }));
  } finally {
    await nc.close();
  }
}

/** `nats` as the cluster it is (a test system started with `natsCluster`). */
export function asNatsCluster(nats: NatsServer): NatsCluster {
  if (!('nodes' in nats)) throw new Error('The test system runs one NATS server, not a cluster');
  return nats as NatsCluster;
}
