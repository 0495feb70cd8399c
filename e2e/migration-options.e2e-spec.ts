// The four job options end to end: every service as its own process, two real Dovecot
// servers (source separator '/', destination '.' with other special-use names), jobs
// created through the public API, and both mailboxes read back message by message.
import { JobOptions, JobView } from '@btsx/contracts';
import {
  BtsxApiClient,
  compareMailboxes,
  CorpusOptions,
  DovecotUser,
  FixtureFolder,
  generateCorpus,
  listAccountFolders,
  listFolderMessages,
  MailboxSnapshot,
  MigrationTestbed,
  readMailbox,
  seedMailbox,
  SnapshotFolder,
  storeMessageFlags,
} from '@btsx/testing';
import { resolve } from 'node:path';

const OUTPUT = resolve('test-output/e2e/migration-options');
const DESTINATION_SPECIAL_USE = {
  '\\Sent': 'Sent Items',
  '\\Trash': 'Deleted Items',
  '\\Junk': 'Junk Email',
  '\\Drafts': 'Drafts',
  '\\Archive': 'Archive',
};
/** A small mailbox migrates in seconds; this is for a loaded 2-core machine. */
const JOB_TIMEOUT_MS = 120_000;
const DELETED = '\\Deleted';
const SEEN = '\\Seen';

const messageCount = (snapshot: MailboxSnapshot): number =>
  snapshot.reduce((n, folder) => n + folder.messages.length, 0);

/** The same folders, each keeping only the messages `keep` accepts. */
function filterMessages(
  snapshot: MailboxSnapshot,
  keep: (message: SnapshotFolder['messages'][number]) => boolean,
): MailboxSnapshot {
  return snapshot.map((folder) => ({ ...folder, messages: folder.messages.filter(keep) }));
}

describe('job options, checked in the mailboxes themselves', () => {
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;
  let users = 0;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [], separator: '/' },
      destination: { users: [], separator: '.', specialUse: DESTINATION_SPECIAL_USE },
    });
    api = new BtsxApiClient(testbed.url);
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  /** A fresh source account seeded with a generated mailbox (edited first if asked). */
  async function sourceAccount(
    name: string,
    corpus: CorpusOptions,
    edit?: (folders: FixtureFolder[]) => void,
  ): Promise<DovecotUser> {
    const user = { username: `${name}-${++users}@source.test`, password: `src-${name}-pw` };
    await testbed.source.addUser(user);
    const folders = generateCorpus(corpus);
    edit?.(folders);
    await seedMailbox(testbed.source, user, folders);
    return user;
  }

  async function destinationAccount(name: string): Promise<DovecotUser> {
    const user = { username: `${name}-${++users}@dest.test`, password: `dst-${name}-pw` };
    await testbed.destination.addUser(user);
    return user;
  }

  async function migrate(
    from: DovecotUser,
    to: DovecotUser,
    options: Partial<JobOptions>,
  ): Promise<JobView> {
    const { id } = await api.startJob(
      { server: testbed.source, user: from },
      { server: testbed.destination, user: to },
      options,
    );
    return api.waitForEnd(id, JOB_TIMEOUT_MS);
  }

  const readSource = (user: DovecotUser) => readMailbox(testbed.source, user);
  const readDestination = (user: DovecotUser) => readMailbox(testbed.destination, user);

  it('without Delete Source opens the source read-only and changes nothing in it', async () => {
    const from = await sourceAccount('readonly', { messages: 120, folders: 4, seed: 31 });
    const before = await readSource(from);
    const unseen = before.flatMap((f) => f.messages).filter((m) => !m.flags.includes(SEEN));
    expect(unseen.length).toBeGreaterThan(10);

    const to = await destinationAccount('readonly');
    const job = await migrate(from, to, {});

    expect(job.status).toBe('completed');
    // Flags included: fetching without PEEK or a SELECT would have added \Seen somewhere.
    expect(await readSource(from)).toEqual(before);
    expect(compareMailboxes(before, await readDestination(to))).toEqual([]);
  });

  it('with Delete Source expunges exactly the copied messages, never one the user had deleted', async () => {
    const from = await sourceAccount('delete', { messages: 150, folders: 4, seed: 32 }, (f) => {
      // The user flagged these \Deleted but never expunged them: they are not ours to remove.
      for (const folder of [f[0], f.find((x) => x.path === 'Projects')!]) {
        folder.messages[0].flags = [...new Set([...folder.messages[0].flags, DELETED])];
      }
    });
    const before = await readSource(from);
    const userDeleted = (m: { flags: string[] }) => m.flags.includes(DELETED);
    expect(before.flatMap((f) => f.messages).filter(userDeleted)).toHaveLength(2);

    const to = await destinationAccount('delete');
    const job = await migrate(from, to, { deleteSource: true });
    expect(job.status).toBe('completed');

    // The source keeps every folder, and in them only what the user had flagged \Deleted,
    // untouched (same bytes, same flags, same date).
    const after = await readSource(from);
    expect(after).toEqual(filterMessages(before, userDeleted));
    // Everything else left the source and is at the destination, byte for byte.
    const destination = await readDestination(to);
    const notDeleted = (m: { flags: string[] }) => !userDeleted(m);
    expect(
      compareMailboxes(filterMessages(before, notDeleted), filterMessages(destination, notDeleted)),
    ).toEqual([]);
    expect(job.counters.failed).toBe(0);
    expect(job.counters.copied).toBe(messageCount(destination));
  });

  it('with Folders Only creates and subscribes the folder structure and copies no message', async () => {
    const from = await sourceAccount('folders', { messages: 40, seed: 33 });
    const source = await readSource(from);
    expect(source.map((f) => f.path)).toEqual(
      expect.arrayContaining(['Projects/2024/Q1', 'Family/Photos 2019', 'Привет', 'Reçus']),
    );

    const to = await destinationAccount('folders');
    const job = await migrate(from, to, { foldersOnly: true });

    expect(job.status).toBe('completed');
    expect(job.counters).toMatchObject({ copied: 0, skipped: 0, failed: 0 });
    const destination = await readDestination(to);
    expect(messageCount(destination)).toBe(0);
    // Every source folder has its counterpart (special-use ones by attribute, nested ones
    // by path): compared without messages, nothing may be missing.
    const empty = filterMessages(source, () => false);
    expect(compareMailboxes(empty, destination)).toEqual([]);
    const folders = await listAccountFolders(testbed.destination, to);
    for (const folder of source.filter((f) => f.path !== 'INBOX')) {
      const counterpart =
        folders.find((f) => folder.specialUse && f.specialUse === folder.specialUse) ??
        folders.find((f) => f.path === folder.path);
      expect({ folder: folder.path, subscribed: counterpart?.subscribed }).toEqual({
        folder: folder.path,
        subscribed: true,
      });
    }
    const lines = (await api.statusLines(job.id)).map((line) => line.message);
    expect(lines.join('\n')).toMatch(/Folders Only/);
    expect(lines.join('\n')).toMatch(/no messages? copied/i);
  });

  it('with Progress Updates counts every folder first, so the job has a total', async () => {
    const from = await sourceAccount('progress', { messages: 150, folders: 4, seed: 34 });
    const source = await readSource(from);
    const to = await destinationAccount('progress');
    const job = await migrate(from, to, { progressUpdates: true });

    expect(job.status).toBe('completed');
    expect(job.counters.total).toBe(messageCount(source));
    expect(job.counters.copied).toBe(messageCount(source));
    const totals = Object.fromEntries(job.folders.map((f) => [f.source, f.total]));
    const expected = Object.fromEntries(source.map((f) => [f.path, f.messages.length]));
    expect(totals).toEqual(expected);
    expect(compareMailboxes(source, await readDestination(to))).toEqual([]);
  });

  it('without Progress Updates has no total but still the right counts', async () => {
    const from = await sourceAccount('noprogress', { messages: 150, folders: 4, seed: 35 });
    const source = await readSource(from);
    const to = await destinationAccount('noprogress');
    const job = await migrate(from, to, { progressUpdates: false });

    expect(job.status).toBe('completed');
    expect(job.counters.total).toBeNull();
    expect(job.counters).toMatchObject({ copied: messageCount(source), skipped: 0, failed: 0 });
    expect(job.folders.every((f) => f.total === null)).toBe(true);
    const copied = Object.fromEntries(job.folders.map((f) => [f.source, f.copied]));
    const expected = Object.fromEntries(
      source.filter((f) => f.messages.length > 0).map((f) => [f.path, f.messages.length]),
    );
    expect(copied).toMatchObject(expected);
    expect(compareMailboxes(source, await readDestination(to))).toEqual([]);
  });

  it('with Replace Existing a second run adds no message and brings changed flags in line', async () => {
    const from = await sourceAccount('replace', { messages: 90, folders: 3, seed: 36 });
    const to = await destinationAccount('replace');
    const first = await migrate(from, to, {});
    expect(first.status).toBe('completed');
    const total = messageCount(await readSource(from));
    expect(compareMailboxes(await readSource(from), await readDestination(to))).toEqual([]);

    // Between the runs the user reads and files mail on both sides.
    const destinationInbox = await listFolderMessages(testbed.destination, to, 'INBOX');
    const read = destinationInbox.find((m) => m.flags.includes(SEEN))!;
    await storeMessageFlags(testbed.destination, to, 'INBOX', read.uid, [
      ...read.flags.filter((f) => f !== SEEN),
      '\\Flagged',
    ]);
    const sent = await listFolderMessages(
      testbed.destination,
      to,
      DESTINATION_SPECIAL_USE['\\Sent'],
    );
    const flagged = sent.find((m) => m.flags.length > 0)!;
    await storeMessageFlags(
      testbed.destination,
      to,
      DESTINATION_SPECIAL_USE['\\Sent'],
      flagged.uid,
      [],
    );
    const sourceInbox = await listFolderMessages(testbed.source, from, 'INBOX');
    const changed = sourceInbox.find((m) => m.sha256 !== read.sha256)!;
    await storeMessageFlags(testbed.source, from, 'INBOX', changed.uid, ['$Label1', '\\Answered']);
    const source = await readSource(from);
    expect(compareMailboxes(source, await readDestination(to))).toHaveLength(3);

    const second = await migrate(from, to, { reconcileExisting: true });

    expect(second.status).toBe('completed');
    expect(second.counters).toMatchObject({ copied: 0, skipped: total, failed: 0 });
    const destination = await readDestination(to);
    expect(messageCount(destination)).toBe(total);
    expect(compareMailboxes(source, destination)).toEqual([]);
  });
});
