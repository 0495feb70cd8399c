// Crafted folder names end to end: wildcards, quotes, backslashes, non-ASCII, names that
// differ only in case and a long name travel from a '/' server to a '.' server; every
// message must arrive in the folder the job says it planned, and no folder twice. A folder
// the destination refuses to create is reported with the server's reason; the rest is copied.
import { JobView } from '@btsx/contracts';
import {
  ApiAccount,
  BtsxApiClient,
  compareMailboxes,
  DovecotUser,
  MailboxSnapshot,
  MigrationTestbed,
  readMailbox,
  seedMailbox,
  writeMaildirFolder,
} from '@btsx/testing';
import { resolve } from 'node:path';

const OUTPUT = resolve('test-output/e2e/folder-names');
const JOB_TIMEOUT_MS = 120_000;
const CRAFTED = ['*', '%', 'q"q', 'b\\s', 'Привет', 'Case', 'case', 'a/b', 'a_b', 'L'.repeat(200)];
const MESSAGES_PER_FOLDER = 2;

const message = (folder: number, n: number) => ({
  raw: Buffer.from(`Subject: ${folder}-${n}\r\nMessage-ID: <${folder}.${n}@names>\r\n\r\nx\r\n`),
  flags: n === 0 ? ['\\Seen'] : [],
  internalDate: new Date(Date.UTC(2024, 0, folder + 1)),
});

/** The source snapshot with each folder renamed to where the job planned it. */
function asPlanned(source: MailboxSnapshot, job: JobView): MailboxSnapshot {
  const planned = new Map(job.folders.map((f) => [f.source, f.destination.split('.').join('/')]));
  return source.map((folder) => ({ ...folder, path: planned.get(folder.path) ?? folder.path }));
}

describe('crafted folder names migrated by the whole system', () => {
  const ann: DovecotUser = { username: 'ann@source.test', password: 'ann-pw' };
  const ben: DovecotUser = { username: 'ben@dest.test', password: 'ben-pw' };
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;
  let from: ApiAccount;
  let to: ApiAccount;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [ann], separator: '/' },
      destination: { users: [ben], separator: '.' },
    });
    api = new BtsxApiClient(testbed.url);
    from = { server: testbed.source, user: ann };
    to = { server: testbed.destination, user: ben };
    await seedMailbox(
      testbed.source,
      from.user,
      CRAFTED.map((path, folder) => ({
        path,
        messages: Array.from({ length: MESSAGES_PER_FOLDER }, (_, n) => message(folder, n)),
      })),
    );
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  it('copies each folder once, into its own destination folder', async () => {
    const { id } = await api.startJob(from, to);
    const job = await api.waitForEnd(id, JOB_TIMEOUT_MS);
    expect(job.status).toBe('completed');

    const target = (source: string) => job.folders.find((f) => f.source === source)?.destination;
    expect(job.folders.map((f) => f.source).sort()).toEqual(
      [...new Set(job.folders.map((f) => f.source))].sort(),
    );
    for (const name of ['*', '%', 'q"q', 'b\\s', 'Привет', 'a_b']) expect(target(name)).toBe(name);
    expect(target('a/b')).toBe('a.b');
    const cased = [target('Case'), target('case')].map((p) => p?.toUpperCase()).sort();
    expect(cased).toEqual(['CASE', 'CASE (2)']);

    const [source, destination] = await Promise.all([
      readMailbox(from.server, from.user),
      readMailbox(to.server, to.user),
    ]);
    const crafted = source.filter((f) => CRAFTED.includes(f.path));
    expect(crafted).toHaveLength(CRAFTED.length);
    expect(crafted.every((f) => f.messages.length === MESSAGES_PER_FOLDER)).toBe(true);
    expect(compareMailboxes(asPlanned(source, job), destination)).toEqual([]);
  });

  it('creates a folder the destination refuses under a legal substitute, naming both', async () => {
    const owner = {
      server: testbed.source,
      user: { username: 'tom@source.test', password: 'tom-pw' },
    };
    // A mailbox of its own, so the comparison below sees only this job's folders.
    const target = {
      server: testbed.destination,
      user: { username: 'tim@dest.test', password: 'tim-pw' },
    };
    await testbed.source.addUser(owner.user);
    await testbed.destination.addUser(target.user);
    await seedMailbox(testbed.source, owner.user, [{ path: 'Kept', messages: [message(0, 0)] }]);
    // What must arrive, read before "~x" exists: this client cannot open that folder.
    const copied = await readMailbox(owner.server, owner.user);
    // Dovecot lists "~x" but refuses to CREATE it, or to open it: only the maildir holds it.
    await writeMaildirFolder(testbed.source, owner.user.username, ['~x'], [message(1, 0).raw]);

    const { id } = await api.startJob(owner, target);
    const job = await api.waitForEnd(id, JOB_TIMEOUT_MS);
    expect(job.status).toBe('completed_with_errors');

    const reason = /Folder "~x": .*Begins with '~'/;
    expect(job.folders.find((f) => f.source === '~x')).toMatchObject({
      destination: '_x',
      state: 'failed',
    });
    const lines = (await api.statusLines(id)).map(({ level, message }) => ({ level, message }));
    expect(lines).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(
        /^~x: the destination refused "~x" \(.*\); copied into "_x" instead$/,
      ),
    });
    expect(lines.find((line) => line.message.startsWith('~x: the destination'))?.message).toMatch(
      reason,
    );
    // The source will not open it either: its task fails with the source's reason, and the
    // audit names it as not verified, verifying the rest.
    expect(lines).toContainEqual({
      level: 'error',
      message: expect.stringMatching(/^~x: .*Begins with '~'/),
    });
    expect(job.audit?.totals).toMatchObject({ missing: 0, unverified: 1 });
    expect(job.audit?.folders.find((f) => f.source === '~x')?.error).toMatch(/^Not verified/);

    const destination = await readMailbox(target.server, target.user);
    expect(destination.find((f) => f.path === '_x')?.messages).toEqual([]);
    const others = destination.filter((f) => f.path !== '_x');
    expect(compareMailboxes(asPlanned(copied, job), others)).toEqual([]);
  });
});
