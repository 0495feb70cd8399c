import { rmSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  accountIds,
  findExecutable,
  freePort,
  isRoot,
  onProcessExit,
  spawnDetached,
} from '@btsx/runner';
import { useCourierAuthDaemon } from './courier-authdaemon';
import { removeCourierAccounts, writeCourierAccount } from './courier-userdb';
import { type ImapTestServer, type ImapTestUser, readyWithUsers } from './imap-test-server';
import { courierSessionUsers } from './process-sessions';
import { unpackedFile } from './unpacked-package';

/**
 * Debian ships MAXPERIP=20: the 21st connection from one address is closed without a
 * greeting. Every test connects from 127.0.0.1, so the default here is high enough never to
 * be the limit; a test of that limit sets its own.
 */
const DEFAULT_MAX_CONNECTIONS_PER_IP = 200;
/** Debian's MAXDAEMONS: connections in all, raised to the per-address cap when that is higher. */
const DEBIAN_MAX_CONNECTIONS = 40;
/** The mail user must traverse the instance dir to reach its Maildirs. */
const INSTANCE_DIR_MODE = 0o755;
const MAILDIR_MODE = 0o700;
const MAILDIR_SUBDIRS = ['cur', 'new', 'tmp'];

export interface CourierOptions {
  users?: ImapTestUser[];
  /** Connections one address may hold at once (Courier's MAXPERIP); default 200. */
  maxConnectionsPerIp?: number;
}

export interface CourierServer extends ImapTestServer {
  /** The user's Maildir (INBOX's cur/ and new/ are inside; folders are `.INBOX.x` beside). */
  mailDir(username: string): string;
}

/** couriertcpd with Debian's /etc/courier/imapd settings (as its init script runs it). */
function spawnCourier(port: number, maxPerIp: number) {
  const loadSettingsThenRun = 'set -a; . "$1"; shift; exec "$@"';
  return spawnDetached('/usr/bin/env', [
    '-i',
    'PATH=/usr/sbin:/usr/bin:/sbin:/bin',
    '/bin/sh',
    '-c',
    loadSettingsThenRun,
    'sh',
    unpackedFile('courier-imap', 'etc/courier/imapd'),
    findExecutable('couriertcpd', 'courier-base'),
    '-address=127.0.0.1',
    `-maxprocs=${Math.max(DEBIAN_MAX_CONNECTIONS, maxPerIp)}`,
    `-maxperip=${maxPerIp}`,
    '-nodnslookup',
    '-noidentlookup',
    String(port),
    unpackedFile('courier-imap', 'usr/lib/courier/courier/imaplogin'),
    unpackedFile('courier-imap', 'usr/bin/imapd'),
    'Maildir',
  ]);
}

async function makeMaildir(home: string, uid: number, gid: number): Promise<void> {
  for (const dir of [home, ...MAILDIR_SUBDIRS.map((sub) => join(home, sub))]) {
    await mkdir(dir, { recursive: true, mode: MAILDIR_MODE });
    await chown(dir, uid, gid);
  }
}

/**
 * Starts a throwaway Courier-IMAP 5.0 (folders under `INBOX.`, separator '.'), its Maildirs in
 * a temp dir. Needs root: accounts and the password daemon are machine-wide (see
 * courier-authdaemon), so usernames must be unique among the tests running at once. Sessions
 * are counted from the imapd processes' environments.
 */
export async function startCourier(options: CourierOptions = {}): Promise<CourierServer> {
  if (!isRoot()) throw new Error('startCourier needs root: Courier accounts are machine-wide');
  const host = '127.0.0.1';
  const [{ uid, gid }, port, dir] = await Promise.all([
    accountIds('courier'),
    freePort(),
    mkdtemp(join(tmpdir(), 'btsx-courier-')),
  ]);
  await chmod(dir, INSTANCE_DIR_MODE);
  const accounts = new Set<string>();
  const releaseAuthDaemon = useCourierAuthDaemon();
  const cleanUp = (): void => {
    removeCourierAccounts(accounts);
    rmSync(dir, { recursive: true, force: true });
    releaseAuthDaemon();
  };
  const unregisterCleanUp = onProcessExit(cleanUp);
  const server = spawnCourier(port, options.maxConnectionsPerIp ?? DEFAULT_MAX_CONNECTIONS_PER_IP);
  const stop = async (): Promise<void> => {
    await server.kill();
    unregisterCleanUp();
    cleanUp();
  };
  const mailDir = (username: string): string => join(dir, username);
  const addUser = async (user: ImapTestUser): Promise<void> => {
    await makeMaildir(mailDir(user.username), uid, gid);
    writeCourierAccount({ user, home: mailDir(user.username), uid, gid });
    accounts.add(user.username);
  };
  await readyWithUsers(
    { name: 'courier', host, port, exited: server.exited, addUser, stop },
    options.users,
  );
  return {
    host,
    port,
    separator: '.',
    namespacePrefix: 'INBOX.',
    addUser,
    mailDir,
    sessionsOf: async (username) =>
      (await courierSessionUsers(port)).filter((user) => user === username).length,
    usersWithSessions: async () => [...new Set(await courierSessionUsers(port))],
    stop,
  };
}
