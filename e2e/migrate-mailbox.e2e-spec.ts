// The walking skeleton end to end: every service as its own process, two real Dovecot
// servers (source separator '/', destination '.', different special-use names), the
// `btsx` CLI driving a migration, and a message-by-message comparison afterwards.
import {
  compareMailboxes,
  DovecotServer,
  DovecotUser,
  generateCorpus,
  MigrationTestbed,
  readMailbox,
  seedMailbox,
} from '@btsx/testing';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const OUTPUT = resolve('test-output/e2e/migrate-mailbox');
const SOURCE_USER: DovecotUser = { username: 'alice@source.test', password: 'src-Secret-4711' };
const BIG_MESSAGE_BYTES = 11 * 1024 * 1024;

describe('a mailbox migrated by the whole system through the CLI', () => {
  let testbed: MigrationTestbed;
  let source: DovecotServer;
  let destination: DovecotServer;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [SOURCE_USER], separator: '/' },
      destination: {
        users: [],
        separator: '.',
        specialUse: {
          '\\Sent': 'Sent Items',
          '\\Trash': 'Deleted Items',
          '\\Junk': 'Junk Email',
          '\\Drafts': 'Drafts',
          '\\Archive': 'Archive',
        },
      },
    });
    ({ source, destination } = testbed);
    const corpus = generateCorpus({
      messages: 520,
      folders: 10,
      seed: 7,
      bigMessageBytes: BIG_MESSAGE_BYTES,
    });
    await seedMailbox(source, SOURCE_USER, corpus);
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  /** The real binary, whatever its exit status; the passwords are SOURCE_USER's and `target`'s. */
  function cli(args: string[], target?: DovecotUser) {
    const env = {
      ...process.env,
      BTSX_SOURCE_PASSWORD: SOURCE_USER.password,
      ...(target && { BTSX_DEST_PASSWORD: target.password }),
    };
    const child = spawn(process.execPath, ['tools/btsx.mjs', '--server', testbed.url, ...args], {
      env,
    });
    const output = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk));
    const done = once(child, 'close').then(([code]) => ({ code: code as number, ...output }));
    /** Resolves with the first match of `pattern` in standard error. */
    const said = (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        child.stderr.on('data', () => {
          const match = pattern.exec(output.stderr);
          if (match) resolve(match);
        });
        void done.then(() => reject(new Error(`never said ${pattern}: ${output.stderr}`)));
      });
    return { done, said };
  }

  const accountsOf = (target: DovecotUser) => [
    ...['--from', testbed.accountUrl(source, SOURCE_USER)],
    ...['--to', testbed.accountUrl(destination, target)],
  ];

  async function migrateWithCli(target: DovecotUser) {
    await destination.addUser(target);
    const { code, stdout, stderr } = await cli(
      ['migrate', ...accountsOf(target), '--progress'],
      target,
    ).done;
    expect({ code, stderr }).toMatchObject({ code: 0 });
    return stdout;
  }

  async function expectIdentical(target: DovecotUser) {
    const [from, to] = await Promise.all([
      readMailbox(source, SOURCE_USER),
      readMailbox(destination, target),
    ]);
    expect(from.reduce((n, f) => n + f.messages.length, 0)).toBeGreaterThanOrEqual(500);
    expect(from.length).toBeGreaterThanOrEqual(8);
    expect(from.some((f) => f.messages.some((m) => m.size >= BIG_MESSAGE_BYTES))).toBe(true);
    expect(compareMailboxes(from, to)).toEqual([]);
  }

  it('copies every folder and message byte for byte, with flags and dates', async () => {
    const target = { username: 'bob@dest.test', password: 'dst-Secret-0815' };
    const stdout = await migrateWithCli(target);
    expect(stdout).toMatch(/Status:\s+Completed\b/);
    await expectIdentical(target);
  });

  it('splits the work between two copier processes and still copies everything once', async () => {
    await testbed.system.startService('copier');
    const target = { username: 'carol@dest.test', password: 'dst-Secret-2024' };
    await migrateWithCli(target);
    await expectIdentical(target);
    const taskLines = (label: string) =>
      readFileSync(join(OUTPUT, `${label}.log`), 'utf8')
        .split('\n')
        .filter((l) => l.includes('Task '));
    expect(taskLines('copier-2').length).toBeGreaterThan(0);
  });

  it('drives a job through the real binary with --json: cancel, restart, status, verify, delete', async () => {
    const target = { username: 'dave@dest.test', password: 'dst-Secret-1999' };
    await destination.addUser(target);
    const migrating = cli(['migrate', ...accountsOf(target), '--json'], target);
    // Under --json the words go to standard error, standard output holds the JSON alone.
    const [, id] = await migrating.said(/Job (\S+) started\./);
    const cancel = await cli(['cancel', id, '--json']).done;
    expect(cancel.code).toBe(0);
    expect(JSON.parse(cancel.stdout)).toMatchObject({ id });
    const followed = await migrating.done;
    expect(followed.code).toBe(1);
    expect(JSON.parse(followed.stdout)).toMatchObject({ id, status: 'cancelled' });

    const restart = await cli(['restart', id, '--json'], target).done;
    expect(restart.code).toBe(0);
    const rerun = JSON.parse(restart.stdout);
    expect(rerun).toMatchObject({ status: 'completed', counters: { failed: 0 } });
    expect(rerun.id).not.toBe(id);
    await expectIdentical(target);

    const status = await cli(['status', rerun.id, '--json']).done;
    expect(JSON.parse(status.stdout)).toMatchObject({ id: rerun.id, status: 'completed' });
    const verify = await cli(['verify', rerun.id, '--json'], target).done;
    expect(verify.code).toBe(0);
    const audited = JSON.parse(verify.stdout);
    expect(audited.audit).toMatchObject({ state: 'done', totals: { missing: 0 } });

    for (const job of [id, rerun.id]) {
      const deleted = await cli(['delete', job, '--json']).done;
      expect(JSON.parse(deleted.stdout)).toEqual({ id: job, deleted: true });
    }
    const gone = await cli(['status', id, '--json']).done;
    expect(gone).toMatchObject({ code: 1, stdout: '' });
    expect(gone.stderr).toContain('the server answered 404');
  });

  it('never writes a password into any service log', async () => {
    const logs = await testbed.system.logs();
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [
      'src-Secret-4711',
      'dst-Secret-0815',
      'dst-Secret-2024',
      'dst-Secret-1999',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});
