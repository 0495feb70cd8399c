import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountIds, freePort, isRoot, spawnDetached } from '@btsx/runner';
import {
  CYRUS_REALM,
  cyrusConf,
  cyrusConfPath,
  imapdConf,
  imapdConfPath,
  procDir,
  sasldbPath,
  type CyrusConfigInput,
} from './cyrus-config';
import { type ImapTestServer, type ImapTestUser, readyWithUsers } from './imap-test-server';
import { quoted, runImapCommands } from './raw-imap';
import { unpackedFile } from './unpacked-package';

/** The cyrus user must traverse the instance dir. */
const INSTANCE_DIR_MODE = 0o755;
const ADMIN = 'cyrusadmin';
const PASSWORD_BYTES = 12;
/** Every right (RFC 4314), so the admin may also delete what the user creates. */
const ALL_RIGHTS = 'lrswipkxtecda';
/** master is in cyrus-common (installed); imapd in cyrus-imapd (unpacked). */
const MASTER = '/usr/lib/cyrus/bin/master';
const SASLPASSWD = '/usr/sbin/saslpasswd2';

export interface CyrusOptions {
  users?: ImapTestUser[];
  /** '/' is Cyrus 3.x's default (unixhierarchysep: yes); '.' the classic one. */
  separator?: '/' | '.';
}

export type CyrusServer = ImapTestServer;

/** sasldb keeps `local` under a realm: an address's domain, else the server's own. */
function splitLogin(username: string): { local: string; realm: string } {
  const at = username.lastIndexOf('@');
  if (at < 0) return { local: username, realm: CYRUS_REALM };
  return { local: username.slice(0, at), realm: username.slice(at + 1) };
}

function setPassword(dir: string, { username, password }: ImapTestUser): void {
  const { local, realm } = splitLogin(username);
  // -p reads the password from stdin; a file saslpasswd2 creates belongs to root.
  const args = ['-c', '-p', '-f', sasldbPath(dir), '-u', realm, local];
  execFileSync(SASLPASSWD, args, { input: password, stdio: ['pipe', 'ignore', 'pipe'] });
}

async function writeConfig(input: CyrusConfigInput): Promise<void> {
  const { uid, gid } = await accountIds('cyrus');
  await chmod(input.dir, INSTANCE_DIR_MODE);
  await Promise.all(['config', 'spool'].map((sub) => mkdir(join(input.dir, sub))));
  await writeFile(imapdConfPath(input.dir), imapdConf(input));
  await writeFile(cyrusConfPath(input.dir), cyrusConf(input));
  for (const path of ['config', 'spool', 'sasldb2'].map((sub) => join(input.dir, sub))) {
    await chown(path, uid, gid);
  }
}

/**
 * The user of each running imapd session, from the files Cyrus keeps in proc/: one per
 * process, named by its pid. A session rewrites its file through `.<pid>.new`, which would
 * count it twice for a moment.
 */
async function sessionUsers(dir: string): Promise<string[]> {
  const names = await readdir(procDir(dir)).catch(() => []);
  const files = names.filter((name) => /^\d+$/.test(name));
  const contents = await Promise.all(
    files.map((file) => readFile(join(procDir(dir), file), 'utf8').catch(() => '')),
  );
  return contents.map((line) => line.split('\t')[2] ?? '').filter(Boolean);
}

/**
 * Starts a throwaway Cyrus IMAP 3.6 in its own temp dir (mailbox database, spool, sasldb).
 * Needs root: master runs as the cyrus user. An admin creates each user's INBOX and gets
 * every right on it. Sessions are counted from Cyrus's proc/ files.
 */
export async function startCyrus(options: CyrusOptions = {}): Promise<CyrusServer> {
  if (!isRoot()) throw new Error('startCyrus needs root: Cyrus runs as the cyrus user');
  const host = '127.0.0.1';
  const separator = options.separator ?? '/';
  const admin = { username: ADMIN, password: randomBytes(PASSWORD_BYTES).toString('hex') };
  const [port, dir] = await Promise.all([freePort(), mkdtemp(join(tmpdir(), 'btsx-cyrus-'))]);
  const input = { dir, port, separator, admin: ADMIN, imapd: '' };
  try {
    input.imapd = unpackedFile('cyrus-imapd', 'usr/lib/cyrus/bin/imapd');
    setPassword(dir, admin);
    await writeConfig(input);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  // Its own pidfile: master exits (code 71) when another holds the default /var/run/master.pid.
  const pidFile = join(dir, 'config', 'master.pid');
  const server = spawnDetached(MASTER, [
    '-C',
    imapdConfPath(dir),
    '-M',
    cyrusConfPath(dir),
    '-p',
    pidFile,
  ]);
  const stop = async (): Promise<void> => {
    await server.kill();
    await rm(dir, { recursive: true, force: true });
  };
  const addUser = async (user: ImapTestUser): Promise<void> => {
    setPassword(dir, user);
    const inbox = quoted(`user${separator}${user.username}`);
    await runImapCommands({ host, port }, admin, [
      `CREATE ${inbox}`,
      `SETACL ${inbox} ${ADMIN} ${ALL_RIGHTS}`,
    ]);
  };
  await readyWithUsers(
    { name: 'cyrus', host, port, exited: server.exited, addUser, stop },
    options.users,
  );
  return {
    host,
    port,
    separator,
    namespacePrefix: '',
    addUser,
    sessionsOf: async (username) =>
      (await sessionUsers(dir)).filter((user) => user === username).length,
    usersWithSessions: async () => [...new Set(await sessionUsers(dir))],
    stop,
  };
}
