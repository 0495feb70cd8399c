import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNatsProcess } from '@btsx/runner';
import { connect, type NatsConnection } from 'nats';

export interface NatsServer {
  url: string;
  stop(): Promise<void>;
  /** Stops gracefully and starts again on the same port and store dir. */
  restart(): Promise<void>;
}

/** Starts a throwaway nats-server with JetStream, its store in a temp dir removed on stop(). */
export async function startNats(): Promise<NatsServer> {
  const dir = await mkdtemp(join(tmpdir(), 'btsx-nats-'));
  try {
    const nats = await startNatsProcess({
      storeDir: join(dir, 'jetstream'),
      logPath: join(dir, 'nats.log'),
    });
    return {
      url: nats.url,
      restart: () => nats.restart(),
      async stop() {
        // Nobody keeps this store: no need to let JetStream write it first.
        await nats.kill();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A throwaway NATS server and connections to it, one per replica a spec plays. */
export interface NatsReplicas {
  nats: NatsServer;
  connections: NatsConnection[];
  stop(): Promise<void>;
}

export async function startNatsReplicas(count: number): Promise<NatsReplicas> {
  const nats = await startNats();
  const connections = await Promise.all(
    Array.from({ length: count }, () => connect({ servers: nats.url })),
  );
  return {
    nats,
    connections,
    async stop() {
      await Promise.all(connections.map((nc) => nc.close()));
      await nats.stop();
    },
  };
}
