import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findExecutable } from '../process/find-executable';

/** Debian installs the server binaries per major version, off PATH. */
const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

/** Directory holding initdb and pg_ctl: the newest Debian version, else wherever PATH has them. */
export function findPostgresBinDir(): string {
  const versions = existsSync(DEBIAN_POSTGRES_ROOT) ? readdirSync(DEBIAN_POSTGRES_ROOT) : [];
  const newest = versions
    .filter((version) => existsSync(join(DEBIAN_POSTGRES_ROOT, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (newest) return join(DEBIAN_POSTGRES_ROOT, newest, 'bin');
  return dirname(findExecutable('initdb', 'postgresql'));
}
