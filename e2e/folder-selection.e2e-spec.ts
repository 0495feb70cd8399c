// Which folders a job copies and where they go (`--include`, `--exclude`, `--map`,
// JobOptions.folders), and which of their messages (`--since`, `--before`, `--max-size`,
// `--skip-deleted`, JobOptions.messages): the folders a pattern leaves out never reach the
// destination, every other folder arrives message by message where the rules send it, the
// messages a filter leaves out are counted as filtered (never missing), the job says what it
// left out and which rule moved what, and a pattern, rule or filter that cannot be followed is
// refused before anything moves. Dovecot "/" to Dovecot ".", through the real CLI and the API.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  ApiError,
  BtsxApiClient,
  compareMailboxes,
  DovecotUser,
  generateCorpus,
  MailboxSnapshot,
  MigrationTestbed,
  type SnapshotFolder,
  type SnapshotMessage,
  readMailbox,
  seedMailbox,
} from '@btsx/testing';
import type { JobView } from '@btsx/contracts';

const run = promisify(execFile);
const OUTPUT = resolve('test-output/e2e/folder-selection');
const SOURCE: DovecotUser = { username: 'pick@source.test', password: 'src-Pick-4711' };

describe('a job copies only the folders its patterns select', () => {
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;
  let source: MailboxSnapshot;
  let users = 0;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [SOURCE], separator: '/' },
      destination: { users: [], separator: '.' },
    });
    api = new BtsxApiClient(testbed.url);
    const corpus = generateCorpus({ messages: 150, folders: 4, seed: 31 });
    // Every tenth message flagged \Deleted, as mail a user deleted and never expunged.
    corpus.forEach((folder) =>
      folder.messages.forEach((message, n) => {
        if (n % 10 === 3) message.flags = [...message.flags, '\\Deleted'];
      }),
    );
    await seedMailbox(testbed.source, SOURCE, corpus);
    source = await readMailbox(testbed.source, SOURCE);
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  async function newDestination(): Promise<DovecotUser> {
    const user = { username: `pick${++users}@dest.test`, password: `dst-Pick-${users}` };
    await testbed.destination.addUser(user);
    return user;
  }

  /** The source folders `keep` selects, and the destination compared with exactly them. */
  async function expectOnly(to: DovecotUser, keep: (path: string, use?: string) => boolean) {
    const kept = source.filter((folder) => keep(folder.path, folder.specialUse));
    const leftOut = source.filter((folder) => !kept.includes(folder));
    // The selection really leaves out folders with mail in them, and keeps some.
    expect(leftOut.some((folder) => folder.messages.length > 0)).toBe(true);
    expect(kept.some((folder) => folder.messages.length > 0)).toBe(true);
    const arrived = await readMailbox(testbed.destination, to);
    expect(compareMailboxes(kept, arrived)).toEqual([]);
    return arrived;
  }

  /** `btsx migrate` from SOURCE to `to` with `options`, through the real binary. */
  function migrate(to: DovecotUser, options: string[]) {
    const accounts = [
      ...['--from', testbed.accountUrl(testbed.source, SOURCE)],
      ...['--to', testbed.accountUrl(testbed.destination, to)],
    ];
    return run(
      process.execPath,
      ['tools/btsx.mjs', 'migrate', ...accounts, ...options, '--server', testbed.url],
      {
        env: {
          ...process.env,
          BTSX_SOURCE_PASSWORD: SOURCE.password,
          BTSX_DEST_PASSWORD: to.password,
        },
      },
    );
  }

  it('leaves out what --exclude names, by path or by special use, through the CLI', async () => {
    const to = await newDestination();
    const { stdout } = await migrate(to, ['--exclude', '\\Trash', '--exclude', 'projects/**']);
    expect(stdout).toMatch(/Status:\s+Completed\b/);
    expect(stdout).toContain('Trash: excluded by \\Trash');
    expect(stdout).toContain('Projects/2024: excluded by projects/**');

    const arrived = await expectOnly(
      to,
      (path, use) => use !== '\\Trash' && !path.startsWith('Projects'),
    );
    expect(arrived.filter((folder) => folder.path.startsWith('Projects'))).toEqual([]);
    const trash = arrived.filter((folder) => folder.specialUse === '\\Trash');
    expect(trash.flatMap((folder) => folder.messages)).toEqual([]);
  });

  it('copies only what one include matches, through the API', async () => {
    const to = await newDestination();
    const job = await api.startJob(
      { server: testbed.source, user: SOURCE },
      { server: testbed.destination, user: to },
      { folders: { include: ['inbox', 'Projects/**'], exclude: ['**/Q1'] } },
    );
    const ended = await api.waitForEnd(job.id);
    expect(ended.status).toBe('completed');
    expect(ended.folders.map((folder) => folder.source).sort()).toEqual([
      'INBOX',
      'Projects',
      'Projects/2024',
    ]);
    const lines = (await api.statusLines(job.id)).map((line) => line.message);
    expect(lines).toContainEqual(expect.stringMatching(/^Left out: \d+ folders \(/));

    await expectOnly(to, (path) => ['INBOX', 'Projects', 'Projects/2024'].includes(path));
  });

  it('refuses a pattern that does not compile, naming it, before anything moves', async () => {
    const to = await newDestination();
    const started = api.startJob(
      { server: testbed.source, user: SOURCE },
      { server: testbed.destination, user: to },
      { folders: { exclude: ['Trash', 'Archive//2019'] } },
    );
    await expect(started).rejects.toThrow(ApiError);
    await expect(started).rejects.toMatchObject({ status: 400 });
    await expect(started).rejects.toThrow(
      'folder pattern \\"Archive//2019\\": a level between two \\"/\\" is empty',
    );
    const destination = await readMailbox(testbed.destination, to);
    expect(destination.flatMap((folder) => folder.messages)).toEqual([]);
  });

  it('sends folders where --map rules say, children with them, and names the rule per folder', async () => {
    const to = await newDestination();
    const rules = ['Projects/** => Work/$1', '\\Trash => Old mail/Trash'];
    const { stdout } = await migrate(to, [...rules.flatMap((rule) => ['--map', rule]), '--json']);
    const job: JobView = JSON.parse(stdout);
    expect(job.status).toBe('completed');
    const ruleOf = new Map(job.folders.map((folder) => [folder.source, folder.rule]));
    expect(ruleOf.get('Projects/2024')).toBe(rules[0]);
    expect(ruleOf.get('Trash')).toBe(rules[1]);
    expect(ruleOf.get('INBOX')).toBeNull();

    const moved = (folder: SnapshotFolder): SnapshotFolder => {
      if (folder.specialUse === '\\Trash')
        return { ...folder, specialUse: undefined, path: 'Old mail/Trash' };
      return { ...folder, path: folder.path.replace(/^Projects/, 'Work') };
    };
    expect(source.some((folder) => folder.path.startsWith('Projects/'))).toBe(true);
    const arrived = await readMailbox(testbed.destination, to);
    expect(compareMailboxes(source.map(moved), arrived)).toEqual([]);
    expect(arrived.filter((folder) => folder.path.startsWith('Projects'))).toEqual([]);
  });

  it('fails a job whose rules send two folders onto one, naming the rules, before anything moves', async () => {
    const to = await newDestination();
    const map = [
      { from: 'Projects', to: 'Same' },
      { from: 'Projects/2024', to: 'same' },
    ];
    const job = await api.startJob(
      { server: testbed.source, user: SOURCE },
      { server: testbed.destination, user: to },
      { folders: { map } },
    );
    const ended = await api.waitForEnd(job.id);
    expect(ended.status).toBe('failed');
    expect(ended.error).toContain(
      'Folder rule "Projects/2024 => same" maps Projects/2024 onto same, where Projects (rule "Projects => Same") goes already',
    );
    const destination = await readMailbox(testbed.destination, to);
    expect(destination.flatMap((folder) => folder.messages)).toEqual([]);
  });

  it('refuses a rule that does not compile, naming it', async () => {
    const to = await newDestination();
    const started = api.startJob(
      { server: testbed.source, user: SOURCE },
      { server: testbed.destination, user: to },
      { folders: { map: [{ from: 'Old', to: '../etc' }] } },
    );
    await expect(started).rejects.toMatchObject({ status: 400 });
    await expect(started).rejects.toThrow(
      'folder rule \\"Old => ../etc\\": its destination steps out of a folder',
    );
  });

  it('copies only the messages its filter keeps and counts the rest as filtered, through the CLI', async () => {
    const to = await newDestination();
    const all = source.flatMap((folder) => folder.messages);
    const dates = all.map((message) => message.internalDate).sort((a, b) => a - b);
    const day = (at: number) =>
      new Date(dates[Math.floor(dates.length * at)] * 1000).toISOString().slice(0, 10);
    // A time with its offset: midnight in UTC+02:00 is 22:00 UTC the day before.
    const [since, before] = [day(1 / 3), `${day(0.9)}T00:00:00+02:00`];
    const sizes = all.map((message) => message.size).sort((a, b) => a - b);
    const maxBytes = sizes[Math.floor(sizes.length * 0.9)];
    expect(maxBytes).toBeLessThan(1024 * 1024); // said in kB below
    const keeps = (message: SnapshotMessage) =>
      message.internalDate * 1000 >= Date.parse(since) &&
      message.internalDate * 1000 < Date.parse(before) &&
      message.size <= maxBytes &&
      !message.flags.includes('\\Deleted');
    const kept = source.map((folder) => ({ ...folder, messages: folder.messages.filter(keeps) }));
    const filteredIn = (folder: SnapshotFolder) =>
      folder.messages.length - folder.messages.filter(keeps).length;
    const leftOut = source.reduce((n, folder) => n + filteredIn(folder), 0);
    // Each filter leaves out messages the others keep.
    expect(all.filter((m) => m.internalDate * 1000 >= Date.parse(before)).length).toBeGreaterThan(
      0,
    );
    expect(
      all.filter((m) => m.flags.includes('\\Deleted') && m.size <= maxBytes).length,
    ).toBeGreaterThan(0);
    expect(
      all.filter((m) => m.size > maxBytes && !m.flags.includes('\\Deleted')).length,
    ).toBeGreaterThan(0);

    const filters = [
      '--since',
      since,
      '--before',
      before,
      '--max-size',
      String(maxBytes),
      '--skip-deleted',
    ];
    const { stdout } = await migrate(to, [...filters, '--json']);
    const job: JobView = JSON.parse(stdout);
    expect(job.status).toBe('completed');
    expect(job.counters).toMatchObject({
      copied: all.length - leftOut,
      filtered: leftOut,
      failed: 0,
    });
    for (const folder of source) {
      const view = job.folders.find((f) => f.source === folder.path);
      expect({ folder: folder.path, filtered: view?.filtered }).toEqual({
        folder: folder.path,
        filtered: filteredIn(folder),
      });
    }
    // The audit read the source afresh and applied the same filter: nothing missing.
    expect(job.audit?.totals).toMatchObject({ missing: 0, filtered: leftOut });
    const lines = (await api.statusLines(job.id)).map((line) => line.message);
    expect(lines).toContain(
      `Copying only messages received since ${since}, received before ${before}, at most ${Math.ceil(maxBytes / 1024)} kB, not flagged \\Deleted`,
    );

    const arrived = await readMailbox(testbed.destination, to);
    expect(compareMailboxes(kept, arrived)).toEqual([]);
  });

  it('refuses a filter it cannot apply, naming it, before anything moves', async () => {
    const to = await newDestination();
    const started = api.startJob(
      { server: testbed.source, user: SOURCE },
      { server: testbed.destination, user: to },
      { messages: { since: '2024-03-01', before: '2024-02-01' } },
    );
    await expect(started).rejects.toMatchObject({ status: 400 });
    await expect(started).rejects.toThrow(
      'since (2024-03-01) must be earlier than before (2024-02-01), or no message is left',
    );
    await expect(migrate(to, ['--since', 'last week'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('since: \"last week\" is not a date'),
    });
    const destination = await readMailbox(testbed.destination, to);
    expect(destination.flatMap((folder) => folder.messages)).toEqual([]);
  });
});
