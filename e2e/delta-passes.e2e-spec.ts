// Delta passes end to end on real Dovecot (CONDSTORE): a first pass, then three delta passes
// with mail added, flagged and deleted at the source between them. Each pass copies only what
// changed, says so in its status lines, and leaves the destination equal to the source message
// by message (bytes, flags, internal date, folder), but for what the source deleted, which is
// reported and left at the destination.
import { JobView } from '@btsx/contracts';
import {
  ApiAccount,
  BtsxApiClient,
  FixtureMessage,
  generateCorpus,
  MailboxSnapshot,
  MigrationTestbed,
  readMailbox,
  seedMailbox,
  withImapSession,
} from '@btsx/testing';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';

const OUTPUT = resolve('test-output/e2e/delta-passes');
const JOB_TIMEOUT_MS = 120_000;

const corpus = (messages: number, seed: number): FixtureMessage[] =>
  generateCorpus({ messages, folders: 0, seed }).flatMap((f) => f.messages);

const account = (side: string) => ({
  username: `${side}-${randomUUID()}@test.local`,
  password: 'pw',
});

describe('delta passes', () => {
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;
  let from: ApiAccount;
  let to: ApiAccount;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [] },
      destination: { users: [], separator: '.' },
    });
    api = new BtsxApiClient(testbed.url);
    from = { server: testbed.source, user: account('from') };
    to = { server: testbed.destination, user: account('to') };
    await Promise.all([testbed.source.addUser(from.user), testbed.destination.addUser(to.user)]);
    await seedMailbox(testbed.source, from.user, [
      { path: 'INBOX', messages: corpus(30, 1) },
      { path: 'Work', messages: corpus(12, 2) },
      { path: 'Projects', messages: corpus(6, 3) },
    ]);
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  const snapshot = (account: ApiAccount) => readMailbox(account.server, account.user);
  const folder = (mailbox: MailboxSnapshot, path: string) =>
    mailbox.find((f) => f.path === path)?.messages ?? [];

  /** The source changed as a person would: messages appended, flags set, one deleted. */
  function atSource<T>(work: Parameters<typeof withImapSession<T>>[2]): Promise<T> {
    return withImapSession(from.server, from.user, work);
  }

  async function append(path: string, messages: FixtureMessage[]): Promise<void> {
    await atSource(async (client) => {
      for (const m of messages) await client.append(path, m.raw, m.flags, m.internalDate);
    });
  }

  /** Dovecot's own empty folders (Sent, Trash...) are among the job's, and unchanged too. */
  function unchanged(job: JobView, changed: number): string {
    const folders = job.folders.length;
    return `Delta pass: ${folders - changed} of ${folders} folders unchanged since the last pass`;
  }

  async function deltaPass(previous: JobView): Promise<{ job: JobView; lines: string[] }> {
    const id = await api.restartJob(previous.id, from, to, { delta: true });
    const job = await api.waitForEnd(id, JOB_TIMEOUT_MS);
    const lines = (await api.statusLines(id)).map((l) => l.message);
    return { job, lines };
  }

  it('copies only what changed at each pass, and the destination follows the source', async () => {
    const first = await api.waitForEnd((await api.startJob(from, to)).id, JOB_TIMEOUT_MS);
    expect(first.status).toBe('completed');
    expect(first.counters).toMatchObject({ copied: 48, failed: 0 });
    expect(await snapshot(to)).toEqual(await snapshot(from));

    // Pass 1: three new letters in INBOX, two INBOX letters flagged, one Work letter deleted.
    const fresh = corpus(3, 4);
    await append('INBOX', fresh);
    await atSource(async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageFlagsAdd('1:2', ['\\Flagged']);
      await client.mailboxOpen('Work');
      await client.messageDelete('5');
    });
    const workBefore = folder(await snapshot(to), 'Work');
    const one = await deltaPass(first);
    expect(one.job.status).toBe('completed');
    expect(one.job.counters).toMatchObject({ copied: 3, skipped: 0, failed: 0 });
    expect(one.lines).toEqual(
      expect.arrayContaining([
        `Delta pass after job ${first.id}: only what changed at the source since then`,
        unchanged(first, 2),
        'INBOX since the last pass: new flags on 2 messages',
        'Work since the last pass: 1 message removed at the source (their copies are left at the destination)',
      ]),
    );
    const [source, destination] = [await snapshot(from), await snapshot(to)];
    expect(folder(destination, 'INBOX')).toEqual(folder(source, 'INBOX'));
    expect(folder(destination, 'INBOX').filter((m) => m.flags.includes('\\Flagged'))).toHaveLength(
      2,
    );
    expect(folder(destination, 'Projects')).toEqual(folder(source, 'Projects'));
    // The deleted letter is reported, not mirrored: Work at the destination is as it was.
    expect(folder(destination, 'Work')).toEqual(workBefore);
    expect(folder(source, 'Work')).toHaveLength(11);
    // The pass's own audit compares what it copied; Verify again compares everything, and
    // finds the letter the source deleted still at the destination.
    expect(one.job.audit?.totals).toMatchObject({ missing: 0, extra: 0, flagDifferences: 0 });
    const asked = await api.verifyJob(one.job.id, from, to);
    const verified = await api.waitForAudit(one.job.id, asked.audit!.id, JOB_TIMEOUT_MS);
    expect(verified.audit?.totals).toMatchObject({ missing: 0, extra: 1, flagDifferences: 0 });

    // Pass 2: a letter in Projects, and \Seen taken off an INBOX letter.
    await append('Projects', corpus(1, 5));
    await atSource(async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageFlagsRemove('3', ['\\Seen']);
    });
    const two = await deltaPass(one.job);
    expect(two.job.status).toBe('completed');
    expect(two.job.counters).toMatchObject({ copied: 1, skipped: 0, failed: 0 });
    expect(two.lines).toContain('INBOX since the last pass: new flags on 1 message');
    const [source2, destination2] = [await snapshot(from), await snapshot(to)];
    for (const path of ['INBOX', 'Projects']) {
      expect(folder(destination2, path)).toEqual(folder(source2, path));
    }

    // Pass 3: nothing changed; every folder is known unchanged without a task.
    const three = await deltaPass(two.job);
    expect(three.job.status).toBe('completed');
    expect(three.job.counters).toMatchObject({ copied: 0, skipped: 0, failed: 0 });
    expect(three.lines).toContain(unchanged(first, 0));
    expect(await snapshot(to)).toEqual(destination2);
  });
  it('with Mirror Deletions deletes at the destination the copies of what the source removed', async () => {
    const mirrored = {
      from: { server: testbed.source, user: account('mirror-from') },
      to: { server: testbed.destination, user: account('mirror-to') },
    };
    await Promise.all([
      testbed.source.addUser(mirrored.from.user),
      testbed.destination.addUser(mirrored.to.user),
    ]);
    await seedMailbox(testbed.source, mirrored.from.user, [
      { path: 'INBOX', messages: corpus(8, 6) },
    ]);
    const started = await api.startJob(mirrored.from, mirrored.to, { mirrorDeletions: true });
    const first = await api.waitForEnd(started.id, JOB_TIMEOUT_MS);
    expect(first.status).toBe('completed');
    await withImapSession(mirrored.from.server, mirrored.from.user, async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageDelete('2:3');
    });
    const id = await api.restartJob(first.id, mirrored.from, mirrored.to, { delta: true });
    const pass = await api.waitForEnd(id, JOB_TIMEOUT_MS);
    expect(pass.status).toBe('completed');
    expect((await api.statusLines(id)).map((l) => l.message)).toContain(
      'INBOX since the last pass: 2 messages removed at the source (their copies deleted at the destination too)',
    );
    const [source, destination] = [await snapshot(mirrored.from), await snapshot(mirrored.to)];
    expect(folder(source, 'INBOX')).toHaveLength(6);
    expect(folder(destination, 'INBOX')).toEqual(folder(source, 'INBOX'));
  });
});
