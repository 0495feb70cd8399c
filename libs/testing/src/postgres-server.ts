import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountIds, freePort, isRoot, onProcessExit, runCommand } from '@btsx/runner';
import { Client } from 'pg';
import { findPostgresBinDir } from './postgres-binaries';

const DATABASE = 'btsx';
/** initdb refuses group or world access to the data dir. */
const DATA_DIR_MODE = 0o700;
/** SQLSTATE duplicate_database: a kept data dir already has it. */
const DUPLICATE_DATABASE = '42P04';
/**
 * Throwaway clusters trade durability for speed; no Unix socket (TCP only), so no
 * socket path to own or to keep under the 107-byte limit.
 */
const SERVER_OPTIONS = [
  '-c listen_addresses=127.0.0.1',
  "-k ''",
  '-c fsync=off',
  '-c synchronous_commit=off',
  '-c full_page_writes=off',
];

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:PORT/btsx */
  url: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

// initdb and postgres refuse to run as root.
function runAsOwner(binDir: string, command: string, args: string[]): Promise<string> {
  const binary = join(binDir, command);
  return isRoot()
    ? runCommand('runuser', ['-u', 'postgres', '--', binary, ...args])
    : runCommand(binary, args);
}

async function ownDirectory(dir: string): Promise<void> {
  if (!isRoot()) return;
  const { uid, gid } = await accountIds('postgres');
  await chown(dir, uid, gid);
}

async function createDatabase(port: number): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${DATABASE}`);
  } catch (error) {
    if ((error as { code?: string }).code !== DUPLICATE_DATABASE) throw error;
  } finally {
    await client.end();
  }
}

function postmasterPid(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : undefined;
}

/**
 * Starts a throwaway PostgreSQL cluster. With `dataDir` the cluster is created only once and
 * kept after stop(), which is how `npm start` persists its data. As root the cluster runs as
 * `postgres`, so that account must be able to reach the data dir's parent.
 */
export async function startPostgres(
  options: { port?: number; dataDir?: string } = {},
): Promise<PostgresServer> {
  const binDir = findPostgresBinDir();
  const tempParent = options.dataDir ? undefined : await mkdtemp(join(tmpdir(), 'btsx-postgres-'));
  if (tempParent) await ownDirectory(tempParent);
  const dataDir = options.dataDir ?? join(tempParent as string, 'data');
  const logFile = join(tempParent ?? dataDir, 'server.log');
  const port = options.port ?? (await freePort());
  const pgCtl = (args: string[]): Promise<string> =>
    runAsOwner(binDir, 'pg_ctl', ['-D', dataDir, '-w', ...args]);

  let unregisterExitKill: () => void = () => undefined;
  const start = async (): Promise<void> => {
    await pgCtl(['-l', logFile, '-o', [`-p ${port}`, ...SERVER_OPTIONS].join(' '), 'start']);
    const pid = postmasterPid(dataDir);
    // SIGQUIT is an immediate shutdown that also ends the backends.
    if (pid) unregisterExitKill = onProcessExit(() => process.kill(pid, 'SIGQUIT'));
  };
  const stopCluster = async (): Promise<void> => {
    await pgCtl(['-m', 'fast', 'stop']);
    unregisterExitKill();
  };

  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      await mkdir(dataDir, { recursive: true, mode: DATA_DIR_MODE });
      await ownDirectory(dataDir);
      await chmod(dataDir, DATA_DIR_MODE);
      await runAsOwner(binDir, 'initdb', [
        ...['-D', dataDir, '-U', 'postgres', '-A', 'trust'],
        ...['--no-sync', '-E', 'UTF8', '--locale=C.UTF-8'],
      ]);
    }
    await start();
    await createDatabase(port);
  } catch (error) {
    await stopCluster().catch(() => undefined);
    if (tempParent) await rm(tempParent, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`,
    async stop() {
      await stopCluster();
      if (tempParent) await rm(tempParent, { recursive: true, force: true });
    },
    async restart() {
      await stopCluster();
      await start();
    },
  };
}
