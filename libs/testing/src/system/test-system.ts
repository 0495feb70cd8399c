import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUS_USERS } from '@btsx/contracts';
import { BtsxSystem, type SystemOptions, type SystemSettings } from '@btsx/runner';
import { startNatsCluster } from '../nats-cluster';
import { NatsServer, startNats } from '../nats-server';
import { PostgresServer, startPostgres } from '../postgres-server';

export interface TestSystemOptions {
  /** Service logs (and whatever the test saves) go here. */
  outputDir: string;
  /** Processes per service (BtsxSystem's `replicas`). */
  replicas?: SystemOptions['replicas'];
  serviceEnv?: SystemSettings['serviceEnv'];
  /**
   * The services on a three-node JetStream cluster instead of one NATS server, every stream
   * and bucket on all three (NATS_REPLICAS=3).
   */
  natsCluster?: boolean;
  /** The gateway's port, when it must be known first (an OAuth provider's redirect URI). */
  gatewayPort?: number;
}

/**
 * A throwaway Postgres and NATS (a user per service; one server, or a cluster), and every
 * BTSX service (built under dist/) on them.
 */
export interface TestSystem {
  postgres: PostgresServer;
  nats: NatsServer;
  system: BtsxSystem;
}

export async function startTestSystem(options: TestSystemOptions): Promise<TestSystem> {
  mkdirSync(options.outputDir, { recursive: true });
  const bus = options.natsCluster ? startNatsCluster : startNats;
  const [postgres, nats] = await Promise.all([startPostgres(), bus({ withUsers: true })]);
  const system = await BtsxSystem.start({
    natsUrl: nats.url,
    natsPasswords: nats.passwords,
    databaseUrl: postgres.url,
    encryptionKey: randomBytes(32).toString('base64'),
    webRoot: resolve('dist/apps/web/browser'),
    distRoot: resolve('dist'),
    logDir: options.outputDir,
    replicas: options.replicas,
    serviceEnv: options.natsCluster ? replicated(options.serviceEnv) : options.serviceEnv,
    allowPrivateHosts: true,
    ...(options.gatewayPort && { ports: { gateway: options.gatewayPort } }),
  });
  return { postgres, nats, system };
}

/** `serviceEnv` with every service on the bus keeping three copies of its streams. */
function replicated(serviceEnv: SystemSettings['serviceEnv'] = {}): SystemSettings['serviceEnv'] {
  const env = { ...serviceEnv };
  for (const name of BUS_USERS) env[name] = { NATS_REPLICAS: '3', ...env[name] };
  return env;
}

/** Services first, so none of them sees its database or bus go away while it runs. */
export async function stopTestSystem({ postgres, nats, system }: TestSystem): Promise<void> {
  await system.stop();
  await Promise.all([nats.stop(), postgres.stop()]);
}
