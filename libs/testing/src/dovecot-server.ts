import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  accountIds,
  currentUserAndGroup,
  findExecutable,
  freePort,
  isRoot,
  logTail,
  runCommand,
  spawnDetached,
  waitUntil,
} from '@btsx/runner';
import { writeGmailVirtualFolders } from './dovecot-gmail-layout';
import {
  dovecotConfig,
  dovecotOAuth2Settings,
  logPath,
  mailRoot,
  passwdDir,
  type DovecotOAuth2Settings,
} from './dovecot-config';
import { writeUserPasswdFile } from './passwd-file';
import { createSelfSignedCert } from './self-signed-cert';
import { DEFAULT_SPECIAL_USE, type SpecialUseFolders } from './special-use';
import { receivesGreeting } from './tcp-greeting';
import { withImapSession } from './imap-session';
import type { ImapTestServer, ImapTestUser } from './imap-test-server';

export type { OAuthMechanism } from './dovecot-config';

/** Dovecot greets within 100–170 ms; allow for a loaded CI machine. */
const READY_TIMEOUT_MS = 10_000;
/** Mail processes run as another user (root case) and must traverse the instance dir. */
const INSTANCE_DIR_MODE = 0o755;
/** Random suffix of instance_name, so parallel instances never share a name. */
const INSTANCE_ID_BYTES = 4;

export type DovecotUser = ImapTestUser;

export interface DovecotOptions {
  users: DovecotUser[];
  /** Hierarchy separator of the inbox namespace, default '/'. */
  separator?: '/' | '.';
  /** 'INBOX.' puts every folder under INBOX (Courier's layout); needs separator '.'. */
  namespacePrefix?: '' | 'INBOX.';
  /** Folder name per special-use attribute, auto-created and subscribed. */
  specialUse?: SpecialUseFolders;
  /** Also an implicit-TLS listener with a fresh self-signed cert; the plain port then offers STARTTLS. */
  tls?: boolean;
  /** APPENDs larger than this are refused with the server's reason (per-message failure tests). */
  maxMessageBytes?: number;
  /** Says maxMessageBytes in CAPABILITY too (APPENDLIMIT=n), as RFC 7889 servers do. */
  announcesAppendLimit?: boolean;
  /**
   * OAuth mode: logins are XOAUTH2/OAUTHBEARER (or PLAIN with the token as password),
   * checked against this introspection endpoint; `users` are then ignored. Failed logins
   * carry no anvil penalty, so a refreshed token works right after an expired one failed.
   */
  oauth2?: DovecotOAuth2Settings;
  /** Look like Gmail: labels, [Gmail]/All Mail (\\All), Sent Mail, Starred, Important... */
  gmailLayout?: boolean;
  /**
   * maildir (the default: a file a message, which the maildir helpers of these tests write
   * and rewrite), or mdbox: many messages a file, for folders of 100,000s, where Dovecot's
   * maildir slows every APPEND down by rescanning the folder.
   */
  mailFormat?: 'maildir' | 'mdbox';
}

export interface DovecotServer extends ImapTestServer {
  /** Plaintext (STARTTLS when tls) port. */
  port: number;
  /** Implicit TLS port when tls: true. */
  tlsPort?: number;
  /** The self-signed certificate when tls: true. */
  certificatePem?: string;
  /** Takes effect for the next login, no restart. */
  addUser(user: DovecotUser): Promise<void>;
  /** The open IMAP sessions of every logged-in user, read at once (doveadm who). */
  sessionCounts(): Promise<Map<string, number>>;
  /**
   * Gives an existing user a new password and returns once a login with it succeeds: Dovecot
   * reads a passwd file again at most once a second.
   */
  changePassword(user: DovecotUser): Promise<void>;
  /** The user's maildir (INBOX's cur/ and new/ are inside), for messages IMAP will not APPEND. */
  mailDir(username: string): string;
  /** Every login the server let in so far, and how it was made (PLAIN, XOAUTH2, ...). */
  logins(): Promise<{ user: string; method: string }[]>;
}

/** imap-login's line for a login it let in: `Info: Login: user=<alice@x>, method=XOAUTH2, ...`. */
const LOGIN_LINE = /imap-login: Info: Login: user=<([^>]*)>, method=([A-Z0-9-]+)/g;

async function loginsIn(log: string): Promise<{ user: string; method: string }[]> {
  const text = await readFile(log, 'utf8');
  return [...text.matchAll(LOGIN_LINE)].map(([, user, method]) => ({ user, method }));
}

/** Sessions per logged-in user: `doveadm who -1` prints a header, then a line per connection. */
async function sessionCounts(configPath: string): Promise<Map<string, number>> {
  const doveadm = findExecutable('doveadm', 'dovecot-core');
  const output = await runCommand(doveadm, ['-c', configPath, 'who', '-1']);
  const counts = new Map<string, number>();
  for (const line of output.split('\n').slice(1)) {
    const user = line.split(/\s+/)[0];
    if (user) counts.set(user, (counts.get(user) ?? 0) + 1);
  }
  return counts;
}

async function identity() {
  return isRoot()
    ? { root: true as const }
    : { root: false as const, ...(await currentUserAndGroup()) };
}

function namespaceOf(options: DovecotOptions) {
  const separator = options.separator ?? '/';
  const namespacePrefix = options.namespacePrefix ?? '';
  if (namespacePrefix && !namespacePrefix.endsWith(separator)) {
    throw new Error(`namespacePrefix ${namespacePrefix} needs separator '.', not '${separator}'`);
  }
  return { separator, namespacePrefix };
}

/**
 * Starts a throwaway Dovecot IMAP server in its own temp dir. Sessions are counted by
 * doveadm who.
 */
export async function startDovecot(options: DovecotOptions): Promise<DovecotServer> {
  const host = '127.0.0.1';
  const { separator, namespacePrefix } = namespaceOf(options);
  const dir = await mkdtemp(join(tmpdir(), 'btsx-dovecot-'));
  try {
    await chmod(dir, INSTANCE_DIR_MODE);
    await mkdir(mailRoot(dir));
    if (isRoot()) {
      const { uid, gid } = await accountIds('dovecot');
      await chown(mailRoot(dir), uid, gid);
    }
    await mkdir(passwdDir(dir));
    await Promise.all(options.users.map((user) => writeUserPasswdFile(passwdDir(dir), user)));
    const [port, tlsPort, cert] = await Promise.all([
      freePort(),
      options.tls ? freePort() : undefined,
      options.tls ? createSelfSignedCert(dir) : undefined,
    ]);
    const oauth2SettingsPath = join(dir, 'dovecot-oauth2.conf.ext');
    if (options.oauth2) {
      await writeFile(oauth2SettingsPath, dovecotOAuth2Settings(options.oauth2));
    }
    const configPath = join(dir, 'dovecot.conf');
    const config = dovecotConfig({
      dir,
      instanceName: `btsx-test-${randomBytes(INSTANCE_ID_BYTES).toString('hex')}`,
      port,
      tlsPort: tlsPort ?? 0,
      tls: cert,
      separator,
      namespacePrefix,
      specialUse: options.specialUse ?? DEFAULT_SPECIAL_USE,
      maxMessageBytes: options.maxMessageBytes,
      announcesAppendLimit: options.announcesAppendLimit,
      oauth2: options.oauth2
        ? { settingsPath: oauth2SettingsPath, mechanisms: options.oauth2.mechanisms }
        : undefined,
      gmailLayout: options.gmailLayout,
      mailFormat: options.mailFormat,
      identity: await identity(),
    });
    await writeFile(configPath, config);
    if (options.gmailLayout) await writeGmailVirtualFolders(dir);

    const server = spawnDetached(findExecutable('dovecot', 'dovecot-imapd'), [
      '-F',
      '-c',
      configPath,
    ]);
    const stop = async (): Promise<void> => {
      await server.kill();
      await rm(dir, { recursive: true, force: true });
    };
    try {
      await waitUntil('dovecot', () => receivesGreeting(host, port, '* OK'), {
        timeoutMs: READY_TIMEOUT_MS,
        abort: server.exited,
        describe: () => logTail(logPath(dir)),
      });
    } catch (error) {
      await stop();
      throw error;
    }
    const dovecot: DovecotServer = {
      host,
      port,
      tlsPort,
      certificatePem: cert?.certificatePem,
      separator,
      namespacePrefix,
      addUser: (user) => writeUserPasswdFile(passwdDir(dir), user),
      changePassword: async (user) => {
        await writeUserPasswdFile(passwdDir(dir), user);
        const logsIn = () => withImapSession(dovecot, user, async () => true);
        await waitUntil(`${user.username} logging in with the new password`, logsIn, {
          timeoutMs: 10_000,
        });
      },
      sessionsOf: async (username) => (await sessionCounts(configPath)).get(username) ?? 0,
      usersWithSessions: async () => [...(await sessionCounts(configPath)).keys()],
      sessionCounts: () => sessionCounts(configPath),
      mailDir: (username) => join(mailRoot(dir), username),
      logins: () => loginsIn(logPath(dir)),
      stop,
    };
    return dovecot;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
