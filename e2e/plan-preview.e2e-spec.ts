// A plan before anything moves (POST /api/plans): with a folder rule, an exclusion, message
// filters and a destination that refuses large messages, the plan names every folder, where
// it goes and why, what it leaves out, and each folder's messages, bytes, filtered and too
// large ones, writing to neither account and leaving the credential tokens to the job; the
// job started right after with the same tokens then copies exactly the plan's numbers.
// Dovecot "/" to Dovecot "." (with a message size limit), through the API.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { JobView, PlanView } from '@btsx/contracts';
import {
  BtsxApiClient,
  compareMailboxes,
  DovecotUser,
  generateCorpus,
  MigrationTestbed,
  readMailbox,
  type SnapshotFolder,
  type SnapshotMessage,
  seedMailbox,
} from '@btsx/testing';

const run = promisify(execFile);
const OUTPUT = resolve('test-output/e2e/plan-preview');
const SOURCE: DovecotUser = { username: 'plan@source.test', password: 'src-Plan-4711' };
const CORPUS = generateCorpus({ messages: 120, folders: 4, seed: 43 });
/** Between two of the corpus' sizes, so about one message in eight is over it. */
const LIMIT = limitBetweenSizes(CORPUS.flatMap((f) => f.messages.map((m) => m.raw.length)));
const RULE = 'Projects/** => Work/$1';

function limitBetweenSizes(sizes: number[]): number {
  const sorted = [...sizes].sort((a, b) => a - b);
  const at = Math.floor(sorted.length * 0.88);
  return Math.floor((sorted[at] + sorted[at + 1]) / 2);
}

describe('a plan shown before anything moves', () => {
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;
  let source: SnapshotFolder[];

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [SOURCE], separator: '/' },
      destination: {
        users: [],
        separator: '.',
        maxMessageBytes: LIMIT,
        announcesAppendLimit: true,
      },
    });
    api = new BtsxApiClient(testbed.url);
    CORPUS.forEach((folder) =>
      folder.messages.forEach((message, n) => {
        if (n % 9 === 4) message.flags = [...message.flags, '\\Deleted'];
      }),
    );
    await seedMailbox(testbed.source, SOURCE, CORPUS);
    source = await readMailbox(testbed.source, SOURCE);
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  const account = (user: DovecotUser, side: 'source' | 'destination') => ({
    server: side === 'source' ? testbed.source : testbed.destination,
    user,
  });

  it('shows what the job then copies, folder by folder, and writes nothing', async () => {
    const to = { username: 'plan1@dest.test', password: 'dst-Plan-1' };
    await testbed.destination.addUser(to);
    const dates = source
      .flatMap((f) => f.messages.map((m) => m.internalDate))
      .sort((a, b) => a - b);
    const since = new Date(dates[Math.floor(dates.length / 4)] * 1000).toISOString().slice(0, 10);
    const options = {
      folders: { include: [], exclude: ['\\Trash'], map: [{ from: 'Projects/**', to: 'Work/$1' }] },
      messages: { since, skipDeleted: true },
    };
    const tokens = await api.signIn(account(SOURCE, 'source'), account(to, 'destination'));
    const before = await readMailbox(testbed.destination, to);

    const plan = await api.planJob(tokens, options);

    // Nothing written: the destination as it was, the source's flags untouched (no \Seen).
    expect(await readMailbox(testbed.destination, to)).toEqual(before);
    expect(await readMailbox(testbed.source, SOURCE)).toEqual(source);
    expect(plan.destinationLimit).toBe(LIMIT);
    expect(plan.leftOut).toEqual([{ source: 'Trash', reason: 'excluded by \\Trash' }]);
    expect(plan.estimate.seconds).toBeGreaterThan(0);

    const keeps = (m: SnapshotMessage) =>
      m.internalDate * 1000 >= Date.parse(since) && !m.flags.includes('\\Deleted');
    const copied = source.filter((f) => f.specialUse !== '\\Trash');
    expect(plan.folders.map((f) => f.source).sort()).toEqual(copied.map((f) => f.path).sort());
    for (const folder of copied) {
      const kept = folder.messages.filter(keeps);
      const view = plan.folders.find((f) => f.source === folder.path);
      const moved = folder.path.startsWith('Projects');
      expect(view).toEqual({
        source: folder.path,
        destination: (moved ? folder.path.replace(/^Projects/, 'Work') : folder.path).replace(
          /\//g,
          '.',
        ),
        state: before.some((f) => f.path === folder.path) && !moved ? 'existing' : 'new',
        renamedBecause: moved ? `by rule ${RULE}` : null,
        messages: kept.length,
        bytes: kept.reduce((n, m) => n + m.size, 0),
        filtered: folder.messages.length - kept.length,
        tooLarge: kept.filter((m) => m.size > LIMIT).length,
      });
    }
    expect(plan.totals.tooLarge).toBeGreaterThan(0);
    expect(plan.totals.filtered).toBeGreaterThan(0);

    // The same tokens start the job: the plan did not use them up.
    const id = await api.startJobWith(tokens, options);
    const job = await api.waitForEnd(id);
    expectJobAsPlanned(job, plan);
    const fits = (m: SnapshotMessage) => keeps(m) && m.size <= LIMIT;
    const expected = copied.map((f) => ({
      ...f,
      path: f.path.replace(/^Projects/, 'Work'),
      messages: f.messages.filter(fits),
    }));
    expect(compareMailboxes(expected, await readMailbox(testbed.destination, to))).toEqual([]);
    const bytes = (folders: SnapshotFolder[]) =>
      folders.flatMap((f) => f.messages).reduce((n, m) => n + m.size, 0);
    expect(job.counters.bytes).toBe(bytes(expected));

    // Claimed by the job, the tokens plan nothing more.
    await expect(api.planJob(tokens, options)).rejects.toMatchObject({ status: 400 });
  });

  it('prints the same plan through `btsx plan`, and the same numbers as JSON', async () => {
    const to = { username: 'plan3@dest.test', password: 'dst-Plan-3' };
    await testbed.destination.addUser(to);
    const options = {
      folders: { include: [], exclude: ['\\Trash'], map: [] },
      messages: { skipDeleted: true },
    };
    const fromApi = await api.planJob(
      await api.signIn(account(SOURCE, 'source'), account(to, 'destination')),
      options,
    );
    const plan = (...more: string[]) =>
      run(
        process.execPath,
        [
          'tools/btsx.mjs',
          'plan',
          ...['--from', testbed.accountUrl(testbed.source, SOURCE)],
          ...['--to', testbed.accountUrl(testbed.destination, to)],
          ...['--exclude', '\\Trash', '--skip-deleted', '--server', testbed.url],
          ...more,
        ],
        {
          env: {
            ...process.env,
            BTSX_SOURCE_PASSWORD: SOURCE.password,
            BTSX_DEST_PASSWORD: to.password,
          },
        },
      );
    const json: PlanView = JSON.parse((await plan('--json')).stdout);
    const withoutEstimate = ({ estimate, ...rest }: PlanView) => (void estimate, rest);
    expect(withoutEstimate(json)).toEqual(withoutEstimate(fromApi));

    const { stdout } = await plan();
    const { totals } = fromApi;
    expect(stdout).toContain(
      `Messages:     ${totals.messages} to copy · ${totals.filtered} filtered · ${totals.tooLarge} too large`,
    );
    expect(stdout).toMatch(/^INBOX +INBOX +existing +\d+/m);
    expect(stdout).toContain('Left out (1):\n  Trash: excluded by \\Trash');
    // Nothing was created: the destination still has only what a new account has.
    expect((await readMailbox(testbed.destination, to)).flatMap((f) => f.messages)).toEqual([]);
  });

  it('refuses rules that send two folders onto one, naming them, before any job', async () => {
    const to = { username: 'plan2@dest.test', password: 'dst-Plan-2' };
    await testbed.destination.addUser(to);
    const tokens = await api.signIn(account(SOURCE, 'source'), account(to, 'destination'));
    const map = [
      { from: 'Projects', to: 'Same' },
      { from: 'Projects/2024', to: 'same' },
    ];
    const planned = api.planJob(tokens, { folders: { include: [], exclude: [], map } });
    await expect(planned).rejects.toMatchObject({ status: 422 });
    await expect(planned).rejects.toThrow(
      'Folder rule \\"Projects/2024 => same\\" maps Projects/2024',
    );
    // Fix the rules and plan again with the same tokens: a plan uses nothing up.
    const fixed = await api.planJob(tokens, {
      folders: { include: [], exclude: [], map: [map[0]] },
    });
    expect(fixed.folders.find((f) => f.source === 'Projects')?.destination).toBe('Same');
  });
});

/** Each folder copied, failed (too large) and filtered as the plan said, and the job's bytes. */
function expectJobAsPlanned(job: JobView, plan: PlanView): void {
  expect(job.status).toBe('completed_with_errors');
  for (const planned of plan.folders) {
    const done = job.folders.find((f) => f.source === planned.source);
    expect({ source: planned.source, ...done }).toMatchObject({
      source: planned.source,
      destination: planned.destination,
      copied: planned.messages - planned.tooLarge,
      failed: planned.tooLarge,
      filtered: planned.filtered,
    });
  }
  const { totals } = plan;
  expect(job.counters).toMatchObject({
    copied: totals.messages - totals.tooLarge,
    failed: totals.tooLarge,
    filtered: totals.filtered,
  });
  expect(job.audit?.totals).toMatchObject({ missing: 0, refused: totals.tooLarge });
}
