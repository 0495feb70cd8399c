import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onProcessExit } from '@btsx/runner';
import { isAlive, withFileLockSync } from './file-lock';

/**
 * Courier checks passwords through authdaemond, whose socket (/run/courier) and config
 * (/etc/courier) are fixed at build time: one daemon serves every Courier of the machine, so
 * every test process (Jest worker) shares it. Each process holds a lease file while it uses
 * the daemon; the last one to let go stops it.
 */
const STATE_DIR = '/run/btsx-courier';
const LOCK_PATH = join(STATE_DIR, 'lock');
const LEASE_DIR = join(STATE_DIR, 'leases');
const AUTHDAEMONRC = '/etc/courier/authdaemonrc';
const AUTHDAEMOND = '/usr/sbin/authdaemond';
const DAEMON_PID_FILE = '/run/courier/authdaemon/pid';
const DAEMON_SOCKET = '/run/courier/authdaemon/socket';
/** Accounts come from /etc/courier/userdb (Debian's default asks PAM, i.e. system users). */
const MODULE_LIST_LINE = 'authmodulelist="authuserdb"';
/** authdaemond makes its socket within milliseconds. */
const START_TIMEOUT_MS = 5_000;
const START_POLL_MS = 10;

const sleepSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

function daemonRunning(): boolean {
  if (!existsSync(DAEMON_SOCKET) || !existsSync(DAEMON_PID_FILE)) return false;
  return isAlive(Number(readFileSync(DAEMON_PID_FILE, 'utf8').trim()));
}

/** Switches authdaemond to the userdb module; true when the config had to change. */
function useUserdbModule(): boolean {
  const config = readFileSync(AUTHDAEMONRC, 'utf8');
  if (config.split('\n').includes(MODULE_LIST_LINE)) return false;
  writeFileSync(AUTHDAEMONRC, config.replace(/^authmodulelist=.*$/m, MODULE_LIST_LINE));
  return true;
}

function stopDaemon(): void {
  execFileSync(AUTHDAEMOND, ['stop'], { stdio: 'ignore' });
  // Left behind by a stop; a new daemon's socket is then the sign it is ready.
  rmSync(DAEMON_SOCKET, { force: true });
}

function startDaemon(): void {
  stopDaemon();
  execFileSync(AUTHDAEMOND, ['start'], { stdio: 'ignore' });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!daemonRunning()) {
    if (Date.now() > deadline) throw new Error(`${AUTHDAEMOND} start: no socket after 5 s`);
    sleepSync(START_POLL_MS);
  }
}

const ownLease = (): string => join(LEASE_DIR, String(process.pid));

function liveLeases(): number[] {
  return readdirSync(LEASE_DIR).map(Number).filter(isAlive);
}

function acquire(): void {
  withFileLockSync(LOCK_PATH, () => {
    writeFileSync(ownLease(), '');
    const reconfigured = useUserdbModule();
    if (reconfigured || !daemonRunning()) startDaemon();
  });
}

function release(): void {
  withFileLockSync(LOCK_PATH, () => {
    rmSync(ownLease(), { force: true });
    if (liveLeases().length === 0) stopDaemon();
  });
}

let users = 0;
let unregisterExit: (() => void) | undefined;

/** Makes sure authdaemond runs with the userdb module; returns the function to let go. */
export function useCourierAuthDaemon(): () => void {
  mkdirSync(LEASE_DIR, { recursive: true });
  if (users === 0) {
    acquire();
    unregisterExit = onProcessExit(release);
  }
  users++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--users > 0) return;
    unregisterExit?.();
    release();
  };
}
