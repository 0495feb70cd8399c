import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Debian puts server daemons in sbin, which a non-root PATH often lacks. */
const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of `name` found on PATH or in the system directories, else an error naming the package. */
export function findExecutable(name: string, debianPackage: string): string {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter).filter(Boolean), ...SYSTEM_DIRS];
  const found = dirs.map((dir) => join(dir, name)).find(isExecutable);
  if (!found) throw new Error(`${name} not found on PATH or in sbin; install ${debianPackage}`);
  return found;
}
