import { chown, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DovecotServer } from './dovecot-server';

/** Maildir++ keeps every folder one level down, its levels joined with '.' (Dovecot's default). */
const MAILDIR_PLUS_PLUS_SEPARATOR = '.';
const MAILDIR_SUBDIRS = ['cur', 'new', 'tmp'];
/** Any past time will do: the file name's first part is its delivery time. */
const FILE_TIME = 1_700_000_000;
/** Files written at once: enough to keep the disk busy, few enough to stay clear of EMFILE. */
const WRITES_AT_ONCE = 64;

/**
 * Writes a folder straight into the user's maildir, as another client or a migration tool may
 * have left it: a name Dovecot lists and serves but refuses to CREATE (`~x`, `a//b`). `segments`
 * are the folder's levels, plain ASCII (no modified UTF-7 here), none for INBOX. The user must
 * have logged in once, so the maildir exists; new entries get its owner, the mail user.
 * Messages arrive without flags, and may come from a generator: a folder of a hundred
 * thousand messages is written far faster than APPENDed, and Dovecot indexes it when it is
 * next opened. Returns how many messages were written.
 */
export async function writeMaildirFolder(
  server: DovecotServer,
  username: string,
  segments: string[],
  messages: Iterable<Buffer>,
): Promise<number> {
  const userDir = server.mailDir(username);
  const { uid, gid } = await stat(userDir);
  const folderDir = maildirFolder(userDir, segments);
  const dirs = [folderDir, ...MAILDIR_SUBDIRS.map((sub) => join(folderDir, sub))];
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  for (const dir of dirs) await chown(dir, uid, gid);
  // "<time>.<unique>.<host>:2,<flags>": a delivered message without flags (the Maildir format).
  const write = async (raw: Buffer, n: number) => {
    const file = join(folderDir, 'cur', `${FILE_TIME + n}.M${n}.btsx:2,`);
    await writeFile(file, raw);
    await chown(file, uid, gid);
  };
  let written = 0;
  let pending: Promise<void>[] = [];
  for (const raw of messages) {
    pending.push(write(raw, written++));
    if (pending.length >= WRITES_AT_ONCE) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  return written;
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
  const folderDir = maildirFolder(server.mailDir(username), segments);
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
  const lf = raw.indexOf('\n\n');
  const end = lf >= 0 ? lf : raw.indexOf('\r\n\r\n');
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

/** Maildir++: INBOX is the maildir itself, every other folder one level down. */
function maildirFolder(userDir: string, segments: string[]): string {
  return segments.length === 0
    ? userDir
    : join(userDir, `.${segments.join(MAILDIR_PLUS_PLUS_SEPARATOR)}`);
}
