// `npm start`'s own PostgreSQL and NATS, for whichever of DATABASE_URL / NATS_URL is unset.
// Their data persist under tmp/local, so jobs survive a restart of `npm start`; unlike a
// test's servers they keep fsync on, as data somebody relies on must survive a crash. The
// NATS has a user per service (BUS_PERMISSIONS) with passwords new on every run.
import {
  BUS_USERS,
  busPasswords,
  busPasswordVariable,
  natsAuthorization,
  type BusUser,
} from '@btsx/contracts';
import {
  randomNatsPassword,
  startNatsProcess,
  startPostgresCluster,
  type NatsProcess,
  type PostgresCluster,
} from '@btsx/runner';
import { join } from 'node:path';

export interface EmbeddedServers {
  natsUrl: string;
  /** Each service's NATS password: the embedded NATS's, or NATS_PASSWORD_<SERVICE> for NATS_URL. */
  natsPasswords: Partial<Record<BusUser, string>>;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startEmbeddedServers(
  localDir: string,
  env: NodeJS.ProcessEnv,
): Promise<EmbeddedServers> {
  const ownNats = env['NATS_URL'] ? undefined : await startOwnNats(localDir);
  const nats = ownNats?.server;
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
    natsPasswords: ownNats?.passwords ?? passwordsFrom(env),
    databaseUrl: env['DATABASE_URL'] ?? postgres!.url,
    async stop() {
      await nats?.stop();
      await postgres?.stop();
    },
  };
}

async function startOwnNats(localDir: string): Promise<{
  server: NatsProcess;
  passwords: Record<BusUser, string>;
}> {
  const passwords = busPasswords(randomNatsPassword);
  const server = await startNatsProcess({
    storeDir: join(localDir, 'nats'),
    logPath: join(localDir, 'logs', 'nats.log'),
    authorization: natsAuthorization(passwords),
  });
  return { server, passwords };
}

/** The passwords of a NATS that is not ours, where it has users. */
function passwordsFrom(env: NodeJS.ProcessEnv): Partial<Record<BusUser, string>> {
  const given = BUS_USERS.map((user) => [user, env[busPasswordVariable(user)]]);
  return Object.fromEntries(given.filter(([, password]) => password));
}
