import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DovecotUser } from './dovecot-server';

/**
 * One passwd-file per user (the passdb path contains %u). Dovecot checks a passwd-file for
 * changes at most once a second, so a user appended to a shared file right after another
 * login would stay unknown for up to a second; a new file is read on first use.
 */
export function writeUserPasswdFile(
  dir: string,
  { username, password }: DovecotUser,
): Promise<void> {
  if (/[:/\n]/.test(username) || username.startsWith('.') || password.includes('\n')) {
    throw new Error(`unusable credentials for ${JSON.stringify(username)}`);
  }
  return writeFile(join(dir, username), `${username}:{PLAIN}${password}\n`);
}
