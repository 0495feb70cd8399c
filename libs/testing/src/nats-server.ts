import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busPasswords, natsAuthorization, type BusUser } from '@btsx/contracts';
import { randomNatsPassword, startNatsProcess } from '@btsx/runner';
import { connect, type NatsConnection } from 'nats';

export interface NatsServer {
  url: string;
  /** Each service's password, on a server started `withUsers`. */
  passwords?: Record<BusUser, string>;
  stop(): Promise<void>;
  /** Stops gracefully and starts again on the same port and store dir. */
  restart(): Promise<void>;
}

/**
 * Starts a throwaway nats-server with JetStream, its store in a temp dir removed on stop().
 * `withUsers`: one user per service with BUS_PERMISSIONS and a random password, as `npm
 * start` runs it; without, anyone may do anything (a spec of one part of the bus).
 */
export async function startNats(options: { withUsers?: boolean } = {}): Promise<NatsServer> {
  const dir = await mkdtemp(join(tmpdir(), 'btsx-nats-'));
  const passwords = options.withUsers ? busPasswords(randomNatsPassword) : undefined;
  try {
    const nats = await startNatsProcess({
      storeDir: join(dir, 'jetstream'),
      logPath: join(dir, 'nats.log'),
      authorization: passwords && natsAuthorization(passwords),
    });
    return {
      url: nats.url,
      passwords,
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
