import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

/** Between two tries for a held lock: holders keep it for milliseconds. */
const RETRY_MS = 10;
/** Longer than any holder keeps it; past this something is wrong, not slow. */
const GIVE_UP_MS = 30_000;

const sleepSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readIfThere(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Takes the lock file, or removes it when the process that took it is gone. */
function tryLock(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // An empty file is a holder between open and write: wait for it.
    const holder = Number(readIfThere(path).trim() || NaN);
    if (Number.isInteger(holder) && !isAlive(holder)) unlinkSync(path);
    return false;
  }
}

/**
 * Runs `work` holding a lock file that other processes (Jest workers) respect. Synchronous,
 * so it also works in an exit handler; holders must be brief.
 */
export function withFileLockSync<T>(path: string, work: () => T): T {
  const deadline = Date.now() + GIVE_UP_MS;
  while (!tryLock(path)) {
    if (Date.now() > deadline) throw new Error(`lock ${path} still held after ${GIVE_UP_MS} ms`);
    sleepSync(RETRY_MS);
  }
  try {
    return work();
  } finally {
    unlinkSync(path);
  }
}
