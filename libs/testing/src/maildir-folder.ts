import { chown, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DovecotServer } from './dovecot-server';

/** Maildir++ keeps every folder one level down, its levels joined with '.' (Dovecot's default). */
const MAILDIR_PLUS_PLUS_SEPARATOR = '.';
const MAILDIR_SUBDIRS = ['cur', 'new', 'tmp'];
/** Any past time will do: the file name's first part is its delivery time. */
const FILE_TIME = 1_700_000_000;

/**
 * Writes a folder straight into the user's maildir, as another client or a migration tool may
 * have left it: a name Dovecot lists and serves but refuses to CREATE (`~x`, `a//b`). `segments`
 * are the folder's levels, plain ASCII (no modified UTF-7 here). The user must have logged in
 * once, so the maildir exists; new entries get its owner, which is the mail user.
 */
export async function writeMaildirFolder(
  server: DovecotServer,
  username: string,
  segments: string[],
  messages: Buffer[],
): Promise<void> {
  const userDir = server.mailDir(username);
  const { uid, gid } = await stat(userDir);
  const folderDir = join(userDir, `.${segments.join(MAILDIR_PLUS_PLUS_SEPARATOR)}`);
  const dirs = [folderDir, ...MAILDIR_SUBDIRS.map((sub) => join(folderDir, sub))];
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  // "<time>.<unique>.<host>:2,<flags>": a delivered message without flags (the Maildir format).
  const files = messages.map((_, n) => join(folderDir, 'cur', `${FILE_TIME + n}.M${n}.btsx:2,`));
  await Promise.all(files.map((file, n) => writeFile(file, messages[n])));
  for (const entry of [...dirs, ...files]) await chown(entry, uid, gid);
}
