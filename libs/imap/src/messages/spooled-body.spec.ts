import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpooledBody, STALE_SPOOL_MS, sweepStaleSpools } from './spooled-body';

async function* pieces(...texts: string[]): AsyncIterable<Buffer> {
  for (const text of texts) yield Buffer.from(text);
}

async function readAll(body: SpooledBody): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const piece of body.pieces()) chunks.push(piece);
  return Buffer.concat(chunks).toString();
}

describe('SpooledBody', () => {
  it('spools pieces to a private file, reads them back, and removes the file', async () => {
    const body = await SpooledBody.write(pieces('Subject: hi\r\n', '\r\n', 'body'));
    expect(body.length).toBe(19);
    expect(await readAll(body)).toBe('Subject: hi\r\n\r\nbody');
    expect((await body.read()).toString()).toBe('Subject: hi\r\n\r\nbody');
    await body.discard();
    expect(await readAll(body).catch((error: NodeJS.ErrnoException) => error.code)).toBe('ENOENT');
  });

  it('makes its directory again when something removed it', async () => {
    const first = await SpooledBody.write(pieces('one'));
    await rm(join(first.path, '..'), { recursive: true });
    const second = await SpooledBody.write(pieces('two'));
    expect(await readAll(second)).toBe('two');
    await second.discard();
  });
});

describe('sweepStaleSpools', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'spool-sweep-spec-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** A spool directory with one file; the directory and the file were last changed `ages` ago. */
  async function spool(name: string, ages: { dirMs: number; fileMs: number }): Promise<void> {
    const dir = join(root, name);
    await mkdir(dir);
    await writeFile(join(dir, 'message'), 'bytes');
    const ago = (ms: number) => new Date(Date.now() - ms);
    await utimes(join(dir, 'message'), ago(ages.fileMs), ago(ages.fileMs));
    await utimes(dir, ago(ages.dirMs), ago(ages.dirMs));
  }

  it('removes spool directories of killed processes and keeps live ones and other files', async () => {
    const stale = STALE_SPOOL_MS + 60_000;
    const recent = STALE_SPOOL_MS - 60_000;
    await spool('btsx-spool-killed', { dirMs: stale, fileMs: stale });
    await spool('btsx-spool-idle', { dirMs: recent, fileMs: stale });
    await spool('btsx-spool-writing', { dirMs: stale, fileMs: 1_000 });
    await spool('not-a-spool', { dirMs: stale, fileMs: stale });
    await sweepStaleSpools(root);
    expect((await readdir(root)).sort()).toEqual([
      'btsx-spool-idle',
      'btsx-spool-writing',
      'not-a-spool',
    ]);
  });
});
