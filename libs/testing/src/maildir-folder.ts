import { chown, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
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

/**
 * Rewrites stored messages in place, as a server that changes what it stores would have
 * (Cyrus's munge8bit turns raw 8-bit header bytes into `X`): `rewrite` returns the new bytes
 * of a message, of the same length (Dovecot's index keeps each message's size), or
 * undefined to leave it. `segments`: the folder's levels, none for INBOX. Returns how many
 * messages changed.
 */
export async function rewriteMaildirMessages(
  server: DovecotServer,
  username: string,
  segments: string[],
  rewrite: (raw: Buffer) => Buffer | undefined,
): Promise<number> {
  const userDir = server.mailDir(username);
  const folderDir =
    segments.length === 0
      ? userDir
      : join(userDir, `.${segments.join(MAILDIR_PLUS_PLUS_SEPARATOR)}`);
  let changed = 0;
  for (const sub of ['cur', 'new']) {
    const dir = join(folderDir, sub);
    for (const name of await readdir(dir).catch(() => [])) {
      const file = join(dir, name);
      const raw = await readFile(file);
      const rewritten = rewrite(raw);
      if (!rewritten) continue;
      if (rewritten.length !== raw.length) throw new Error('A rewrite in place must keep the size');
      await writeFile(file, rewritten);
      changed++;
    }
  }
  return changed;
}

/** Cyrus's munge8bit: every raw 8-bit byte of the header becomes `X`; undefined if none. */
export function munge8bitHeader(raw: Buffer): Buffer | undefined {
  const end = raw.indexOf('\n\n') >= 0 ? raw.indexOf('\n\n') : raw.indexOf('\r\n\r\n');
  const header = end < 0 ? raw.length : end;
  const munged = Buffer.from(raw);
  let changed = false;
  for (let i = 0; i < header; i++) {
    if (munged[i] >= 0x80) {
      munged[i] = 0x58;
      changed = true;
    }
  }
  return changed ? munged : undefined;
}
