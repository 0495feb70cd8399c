import { randomUUID } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes per read of a spool file: what a streamed literal holds in memory at a time. */
const READ_BYTES = 1024 * 1024;

const PREFIX = 'btsx-spool-';
/**
 * A spool directory nothing touched for this long was left by a process killed outright
 * (SIGKILL, out of memory): a live one writes a file there for every large message.
 */
export const STALE_SPOOL_MS = 6 * 60 * 60_000;

let directory: Promise<string> | undefined;

/**
 * One directory per process in the system's temporary directory (TMPDIR), removed at exit;
 * the first use also sweeps stale ones away. Made again if something removed it meanwhile.
 */
async function spoolDirectory(): Promise<string> {
  directory ??= sweepStaleSpools().then(() =>
    mkdtemp(join(tmpdir(), PREFIX)).then((path) => {
      process.once('exit', () => rmSync(path, { recursive: true, force: true }));
      return path;
    }),
  );
  const path = await directory;
  await mkdir(path, { recursive: true, mode: 0o700 });
  return path;
}

/** Removes other processes' spool directories in which nothing changed for STALE_SPOOL_MS. */
export async function sweepStaleSpools(root = tmpdir(), now = Date.now()): Promise<void> {
  const names = await readdir(root).catch(() => []);
  for (const name of names.filter((n) => n.startsWith(PREFIX))) {
    const path = join(root, name);
    const latest = await lastChange(path).catch(() => now);
    if (now - latest > STALE_SPOOL_MS) await rm(path, { recursive: true, force: true });
  }
}

/** The newest modification time of a directory and the files in it. */
async function lastChange(path: string): Promise<number> {
  const times = [(await stat(path)).mtimeMs];
  for (const name of await readdir(path)) {
    times.push(
      await stat(join(path, name)).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    );
  }
  return Math.max(...times);
}

/**
 * A large message's bytes kept in a file while it is copied: memory holds one piece at a
 * time, never the whole message, and `length` is its exact size (a literal announces it
 * before the first byte; servers' RFC822.SIZE can be off).
 */
export class SpooledBody {
  private constructor(
    readonly path: string,
    readonly length: number,
  ) {}

  /** Writes `pieces` to a new spool file; the file is removed if reading or writing fails. */
  static async write(pieces: Iterable<Buffer> | AsyncIterable<Buffer>): Promise<SpooledBody> {
    const path = join(await spoolDirectory(), randomUUID());
    return new SpooledBody(path, await appendPieces(path, 'wx', pieces));
  }

  /**
   * This body with `pieces` written after it: the same file, now longer. The file is removed
   * if reading or writing fails.
   */
  async extend(pieces: AsyncIterable<Buffer>): Promise<SpooledBody> {
    const added = await appendPieces(this.path, 'a', pieces);
    return new SpooledBody(this.path, this.length + added);
  }

  pieces(): AsyncIterable<Buffer> {
    return createReadStream(this.path, { highWaterMark: READ_BYTES });
  }

  /** The whole message in memory: for imapflow's one-at-a-time APPEND, which takes a buffer. */
  read(): Promise<Buffer> {
    return readFile(this.path);
  }

  discard(): Promise<void> {
    return rm(this.path, { force: true });
  }
}

/** Writes `pieces` to the file at `path` (new, or appended to); the bytes written. */
async function appendPieces(
  path: string,
  mode: 'wx' | 'a',
  pieces: Iterable<Buffer> | AsyncIterable<Buffer>,
): Promise<number> {
  const file = await open(path, mode, 0o600);
  let length = 0;
  try {
    for await (const piece of pieces) {
      await file.write(piece);
      length += piece.length;
    }
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  } finally {
    await file.close();
  }
  return length;
}

/** A message's bytes: in memory, or spooled to a file when large. */
export type MessageBody = Buffer | SpooledBody;

export async function discardBody(body: MessageBody): Promise<void> {
  if (body instanceof SpooledBody) await body.discard();
}
