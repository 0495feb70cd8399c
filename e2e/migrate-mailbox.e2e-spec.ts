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
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
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

  async function migrateWithCli(target: DovecotUser) {
    await destination.addUser(target);
    const { stdout } = await run(
      process.execPath,
      [
        'tools/btsx.mjs',
        'migrate',
        '--from',
        testbed.accountUrl(source, SOURCE_USER),
        '--to',
        testbed.accountUrl(destination, target),
        '--progress',
        '--server',
        testbed.url,
      ],
      {
        env: {
          ...process.env,
          BTSX_SOURCE_PASSWORD: SOURCE_USER.password,
          BTSX_DEST_PASSWORD: target.password,
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
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

  it('never writes a password into any service log', async () => {
    const logs = await testbed.system.logs();
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of ['src-Secret-4711', 'dst-Secret-0815', 'dst-Secret-2024']) {
      expect(logs).not.toContain(secret);
    }
  });
});
