// Which folders a job copies and where they go (`--include`, `--exclude`, `--map`,
// JobOptions.folders): the folders a pattern leaves out never reach the destination, every
// other folder arrives message by message where the rules send it, the job says what it left
// out and which rule moved what, and a pattern or rule that cannot be followed is refused
// before anything moves. Dovecot "/" to Dovecot ".", through the real CLI and the API.
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
    await seedMailbox(
      testbed.source,
      SOURCE,
      generateCorpus({ messages: 150, folders: 4, seed: 31 }),
    );
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
});
