// `npm start`'s own PostgreSQL and NATS, for whichever of DATABASE_URL / NATS_URL is unset.
// Their data persist under tmp/local, so jobs survive a restart of `npm start`; unlike a
// test's servers they keep fsync on, as data somebody relies on must survive a crash.
import { startNatsProcess, startPostgresCluster, type PostgresCluster } from '@btsx/runner';
import { join } from 'node:path';

export interface EmbeddedServers {
  natsUrl: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startEmbeddedServers(
  localDir: string,
  env: NodeJS.ProcessEnv,
): Promise<EmbeddedServers> {
  const nats = env['NATS_URL']
    ? undefined
    : await startNatsProcess({
        storeDir: join(localDir, 'nats'),
        logPath: join(localDir, 'logs', 'nats.log'),
      });
  const dataDir = join(localDir, 'postgres');
  let postgres: PostgresCluster | undefined;
  try {
    postgres = env['DATABASE_URL']
      ? undefined
      : await startPostgresCluster({ dataDir, logFile: join(dataDir, 'server.log') });
  } catch (error) {
    await nats?.stop();
    throw error;
  }
  return {
    natsUrl: env['NATS_URL'] ?? nats!.url,
    databaseUrl: env['DATABASE_URL'] ?? postgres!.url,
    async stop() {
      await nats?.stop();
      await postgres?.stop();
    },
  };
}
