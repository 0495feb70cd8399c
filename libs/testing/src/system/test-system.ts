import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { BtsxSystem, type SystemSettings } from '@btsx/runner';
import { NatsServer, startNats } from '../nats-server';
import { PostgresServer, startPostgres } from '../postgres-server';

export interface TestSystemOptions {
  /** Service logs (and whatever the test saves) go here. */
  outputDir: string;
  copiers?: number;
  serviceEnv?: SystemSettings['serviceEnv'];
}

/**
 * A throwaway Postgres and NATS (a user per service), and every BTSX service (built under
 * dist/) on them.
 */
export interface TestSystem {
  postgres: PostgresServer;
  nats: NatsServer;
  system: BtsxSystem;
}

export async function startTestSystem(options: TestSystemOptions): Promise<TestSystem> {
  mkdirSync(options.outputDir, { recursive: true });
  const [postgres, nats] = await Promise.all([startPostgres(), startNats({ withUsers: true })]);
  const system = await BtsxSystem.start({
    natsUrl: nats.url,
    natsPasswords: nats.passwords,
    databaseUrl: postgres.url,
    encryptionKey: randomBytes(32).toString('base64'),
    webRoot: resolve('dist/apps/web/browser'),
    distRoot: resolve('dist'),
    logDir: options.outputDir,
    copiers: options.copiers,
    serviceEnv: options.serviceEnv,
    allowPrivateHosts: true,
  });
  return { postgres, nats, system };
}

/** Services first, so none of them sees its database or bus go away while it runs. */
export async function stopTestSystem({ postgres, nats, system }: TestSystem): Promise<void> {
  await system.stop();
  await Promise.all([nats.stop(), postgres.stop()]);
}
