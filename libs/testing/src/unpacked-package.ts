import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where tools/ensure-system-packages.sh unpacks the IMAP servers that conflict with the
 * installed Dovecot (courier-imap, cyrus-imapd): they run from there, not installed.
 */
const UNPACKED_DIR = '/var/cache/btsx/imap-servers';

/** Absolute path of a file of an unpacked Debian package, else an error saying how to get it. */
export function unpackedFile(debianPackage: string, pathInPackage: string): string {
  const path = join(UNPACKED_DIR, debianPackage, pathInPackage);
  if (!existsSync(path)) {
    throw new Error(
      `${path} not found: run "sudo bash tools/ensure-system-packages.sh test" to unpack ${debianPackage}`,
    );
  }
  return path;
}
