import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapTestUser } from './imap-test-server';

/**
 * Courier's accounts: one file per account in this directory (makeuserdb reads them all and
 * compiles /etc/courier/userdb.dat, under its own lock). Machine-wide, like authdaemond.
 */
const USERDB_DIR = '/etc/courier/userdb';
const MAKEUSERDB = '/usr/sbin/makeuserdb';
/** makeuserdb refuses a userdb others may read: it holds password hashes. */
const USERDB_DIR_MODE = 0o700;

export interface CourierAccount {
  user: ImapTestUser;
  /** The account's home, which is also its Maildir. */
  home: string;
  uid: number;
  gid: number;
}

const entryPath = (username: string): string => join(USERDB_DIR, username);

function homeOfEntry(username: string): string | undefined {
  if (!existsSync(entryPath(username))) return undefined;
  return /\|home=([^|]*)\|/.exec(readFileSync(entryPath(username), 'utf8'))?.[1];
}

/** userdb lines are `name<TAB>field=value|field=value`; authlib checks {SHA} hashes itself. */
function entryLine({ user, home, uid, gid }: CourierAccount): string {
  if (
    /[\t|\n/]/.test(user.username) ||
    user.username.startsWith('.') ||
    /[|\n]/.test(user.password)
  ) {
    throw new Error(`unusable credentials for ${JSON.stringify(user.username)}`);
  }
  const hash = createHash('sha1').update(user.password).digest('base64');
  return `${user.username}\tuid=${uid}|gid=${gid}|home=${home}|mail=${home}|systempw={SHA}${hash}\n`;
}

/**
 * Adds or updates the account. Another test's live account of the same name is refused (its
 * home still exists): accounts are machine-wide, so tests must pick unique usernames.
 */
export function writeCourierAccount(account: CourierAccount): void {
  const { username } = account.user;
  const home = homeOfEntry(username);
  if (home && home !== account.home && existsSync(home)) {
    throw new Error(`Courier account ${username} belongs to another test: use a unique name`);
  }
  mkdirSync(USERDB_DIR, { recursive: true, mode: USERDB_DIR_MODE });
  // Written beside the directory, since makeuserdb reads every file in it.
  const temporary = `${USERDB_DIR}.${process.pid}.tmp`;
  writeFileSync(temporary, entryLine(account), { mode: 0o600 });
  renameSync(temporary, entryPath(username));
  execFileSync(MAKEUSERDB, { stdio: 'ignore' });
}

/** Removes the accounts (synchronous: also run when the test process exits). */
export function removeCourierAccounts(usernames: Iterable<string>): void {
  for (const username of usernames) rmSync(entryPath(username), { force: true });
  execFileSync(MAKEUSERDB, { stdio: 'ignore' });
}
