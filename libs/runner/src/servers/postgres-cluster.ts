import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { onProcessExit } from '../process/exit-cleanup';
import { freePort } from '../process/free-port';
import { logTail } from '../process/log-tail';
import { accountIds, isRoot } from '../process/process-identity';
import { runCommand } from '../process/run-command';
import { findPostgresBinDir } from './postgres-binaries';

const DATABASE = 'btsx';
/** initdb refuses group or world access to the data dir. */
const DATA_DIR_MODE = 0o700;
/** SQLSTATE duplicate_database: a kept data dir already has it. */
const DUPLICATE_DATABASE = '42P04';
/** Loopback only, and no Unix socket (TCP only): no socket path to own or to keep under 107 bytes. */
const SERVER_OPTIONS = ['-c listen_addresses=127.0.0.1', "-k ''"];
/** No fsync anywhere: faster, and lost or corrupt after a machine crash. */
const UNSAFE_FAST_OPTIONS = [
  '-c fsync=off',
  '-c synchronous_commit=off',
  '-c full_page_writes=off',
];

export interface PostgresClusterOptions {
  /** Created (initdb) when it holds no cluster yet, kept after stop(). */
  dataDir: string;
  /** The server's log; as root, a place the `postgres` account may write. */
  logFile: string;
  port?: number;
  /** Trade crash safety for speed: for a cluster nobody keeps, such as a test's. */
  unsafeFast?: boolean;
}

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/btsx */
  url: string;
  /** A fast shutdown (open sessions are ended); the data dir stays. */
  stop(): Promise<void>;
  restart(): Promise<void>;
}

/** As root the cluster runs as `postgres`, which must own its data dir and reach its parent. */
export async function ownForPostgres(dir: string): Promise<void> {
  if (!isRoot()) return;
  const { uid, gid } = await accountIds('postgres');
  await chown(dir, uid, gid);
}

/**
 * Starts a PostgreSQL cluster on loopback with a `btsx` database, creating the cluster first
 * when the data dir holds none.
 */
export async function startPostgresCluster(
  options: PostgresClusterOptions,
): Promise<PostgresCluster> {
  const { dataDir, logFile, unsafeFast = false } = options;
  const binDir = findPostgresBinDir();
  let port = options.port ?? (await freePort());
  const settings = () =>
    [`-p ${port}`, ...SERVER_OPTIONS, ...(unsafeFast ? UNSAFE_FAST_OPTIONS : [])].join(' ');
  const pgCtl = (args: string[]): Promise<string> =>
    runAsOwner(binDir, 'pg_ctl', ['-D', dataDir, '-w', ...args]);

  let unregisterExitKill: () => void = () => undefined;
  const start = async (): Promise<void> => {
    try {
      await pgCtl(['-l', logFile, '-o', settings(), 'start']);
    } catch (error) {
      throw await withLogTail(error, logFile);
    }
    const pid = postmasterPid(dataDir);
    // SIGQUIT is an immediate shutdown that also ends the backends.
    if (pid) unregisterExitKill = onProcessExit(() => process.kill(pid, 'SIGQUIT'));
  };
  const stop = async (): Promise<void> => {
    await pgCtl(['-m', 'fast', 'stop']);
    unregisterExitKill();
  };
  /** A port found free can be taken by another process before the server binds it. */
  const firstStart = async (): Promise<void> => {
    try {
      await start();
    } catch (error) {
      if (options.port !== undefined || !(await logSays(logFile, PORT_TAKEN))) throw error;
      port = await freePort();
      await start();
    }
  };

  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await initCluster(binDir, dataDir, unsafeFast);
    await firstStart();
    await createDatabase(port);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`,
    stop,
    async restart() {
      await stop();
      await start();
    },
  };
}

/** What the server logs when another process holds its port. */
const PORT_TAKEN = /could not bind|Address already in use/i;

async function logSays(logFile: string, pattern: RegExp): Promise<boolean> {
  return pattern.test(await logTail(logFile));
}

/** The failure, with the server's last log lines: its own words on why it did not start. */
async function withLogTail(error: unknown, logFile: string): Promise<Error> {
  const tail = (await logTail(logFile)).trim();
  const message = error instanceof Error ? error.message : String(error);
  return new Error(tail ? `${message}\nServer log:\n${tail}` : message);
}

async function initCluster(binDir: string, dataDir: string, noSync: boolean): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  await ownForPostgres(dataDir);
  await chmod(dataDir, DATA_DIR_MODE);
  await runAsOwner(binDir, 'initdb', [
    ...['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8'],
    ...(noSync ? ['--no-sync'] : []),
  ]);
}

// initdb and postgres refuse to run as root.
function runAsOwner(binDir: string, command: string, args: string[]): Promise<string> {
  const binary = join(binDir, command);
  return isRoot()
    ? runCommand('runuser', ['-u', 'postgres', '--', binary, ...args])
    : runCommand(binary, args);
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
