// Never one letter for another, end to end on real Dovecot: a destination that already holds
// a different letter with the same Message-ID (and even the same size and headers), with and
// without Delete Source, a rerun after each, and a restart after the destination rewrote
// messages. Every mailbox is compared message by message (SHA-256 of the bytes).
import { JobView } from '@btsx/contracts';
import {
  ApiAccount,
  BtsxApiClient,
  DovecotUser,
  FixtureMessage,
  generateCorpus,
  MigrationTestbed,
  munge8bitHeader,
  readMailbox,
  rewriteMaildirMessages,
  seedMailbox,
} from '@btsx/testing';
import { createHash, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';

const OUTPUT = resolve('test-output/e2e/letters-never-confused');
const JOB_TIMEOUT_MS = 120_000;

const sha256 = (raw: Buffer) => createHash('sha256').update(raw).digest('hex');

/** A letter of a mailing-list digest: every issue reuses one Message-ID. */
function digestIssue(body: string, subject = 'The weekly digest'): FixtureMessage {
  const raw = Buffer.from(
    'Message-ID: <digest@list.example>\r\n' +
      'Date: Mon, 4 Mar 2024 10:00:00 +0000\r\n' +
      'From: List <list@list.example>\r\n' +
      `Subject: ${subject}\r\n\r\n${body}\r\n`,
  );
  return { raw, flags: ['\\Seen'], internalDate: new Date('2024-03-04T10:00:00Z') };
}

describe('letters that share a Message-ID', () => {
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [] },
      destination: { users: [], separator: '.' },
    });
    api = new BtsxApiClient(testbed.url);
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  /** A fresh account on each server: the source's INBOX and the destination's seeded. */
  async function accounts(source: FixtureMessage[], destination: FixtureMessage[]) {
    const user = (side: string): DovecotUser => ({
      username: `${side}-${randomUUID()}@test.local`,
      password: 'pw',
    });
    const from: ApiAccount = { server: testbed.source, user: user('from') };
    const to: ApiAccount = { server: testbed.destination, user: user('to') };
    await Promise.all([testbed.source.addUser(from.user), testbed.destination.addUser(to.user)]);
    await seedMailbox(testbed.source, from.user, [{ path: 'INBOX', messages: source }]);
    if (destination.length > 0) {
      await seedMailbox(testbed.destination, to.user, [{ path: 'INBOX', messages: destination }]);
    }
    return { from, to };
  }

  /** The SHA-256 of every message in the account's INBOX, sorted. */
  async function inbox({ server, user }: ApiAccount): Promise<string[]> {
    const found = (await readMailbox(server, user)).find((f) => f.path === 'INBOX');
    return (found?.messages ?? []).map((m) => m.sha256).sort();
  }

  async function run(from: ApiAccount, to: ApiAccount, options = {}): Promise<JobView> {
    const { id } = await api.startJob(from, to, options);
    return api.waitForEnd(id, JOB_TIMEOUT_MS);
  }

  async function rerun(job: JobView, from: ApiAccount, to: ApiAccount): Promise<JobView> {
    return api.waitForEnd(await api.restartJob(job.id, from, to), JOB_TIMEOUT_MS);
  }

  const others = () =>
    generateCorpus({ messages: 6, folders: 0, seed: 3 }).flatMap((f) => f.messages);

  it('copies a letter whose Message-ID another letter at the destination holds, and a rerun copies nothing twice', async () => {
    const mine = digestIssue('This issue is the source letter, and longer.');
    const theirs = digestIssue('An older issue.');
    const { from, to } = await accounts([mine, ...others()], [theirs]);
    const job = await run(from, to, { reconcileExisting: true });
    expect(job.status).toBe('completed');
    expect(job.counters).toMatchObject({ copied: 7, skipped: 0, failed: 0 });
    const expected = [...(await inbox(from)), sha256(theirs.raw)].sort();
    expect(await inbox(to)).toEqual(expected);
    expect(job.audit?.totals).toMatchObject({ missing: 0, extra: 1, changed: 0 });

    const again = await rerun(job, from, to);
    expect(again.status).toBe('completed');
    expect(again.counters).toMatchObject({ copied: 0, skipped: 7 });
    expect(await inbox(to)).toEqual(expected);
  });

  it('with Delete Source moves the letter, never expunging it for the other one', async () => {
    const mine = digestIssue('This issue is the source letter, and longer.');
    const theirs = digestIssue('An older issue.');
    const messages = [mine, ...others()];
    const { from, to } = await accounts(messages, [theirs]);
    const job = await run(from, to, { reconcileExisting: true, deleteSource: true });
    expect(job.status).toBe('completed');
    expect(await inbox(from)).toEqual([]);
    const expected = [...messages.map((m) => sha256(m.raw)), sha256(theirs.raw)].sort();
    expect(await inbox(to)).toEqual(expected);

    const again = await rerun(job, from, to);
    expect(again.counters).toMatchObject({ copied: 0, failed: 0 });
    expect(await inbox(from)).toEqual([]);
    expect(await inbox(to)).toEqual(expected);
  });

  it('tells apart letters with the same headers and size but another body, and names the other one in the report', async () => {
    const mine = digestIssue('Body of the source letter.');
    const theirs = digestIssue('Body of the other letter!!');
    expect(mine.raw.length).toBe(theirs.raw.length);
    const { from, to } = await accounts([mine], [theirs]);
    const job = await run(from, to, { reconcileExisting: true });
    expect(job.counters).toMatchObject({ copied: 1, skipped: 0 });
    expect(await inbox(to)).toEqual([sha256(mine.raw), sha256(theirs.raw)].sort());
    expect(job.audit?.totals).toMatchObject({ missing: 0, extra: 1 });

    const again = await rerun(job, from, to);
    expect(again.counters).toMatchObject({ copied: 0, skipped: 1 });
    expect(await inbox(to)).toEqual([sha256(mine.raw), sha256(theirs.raw)].sort());

    const asked = await api.verifyJob(again.id, from, to, { deep: true });
    const deep = await api.waitForAudit(again.id, asked.audit!.id, JOB_TIMEOUT_MS);
    expect(deep.audit).toMatchObject({ deep: true, state: 'done' });
    expect(deep.audit?.totals).toMatchObject({ missing: 0, extra: 1, changed: 0 });
    const report = await api.auditReport(again.id, 'json');
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'extra',
        sourceFolder: 'INBOX',
        destinationFolder: 'INBOX',
        destinationUid: 1,
        messageId: '<digest@list.example>',
        subject: 'The weekly digest',
      }),
    ]);
  });

  it('does not copy again on a restart what the destination rewrote, and reports it as changed', async () => {
    const messages = generateCorpus({ messages: 40, folders: 0, seed: 14 }).flatMap(
      (f) => f.messages,
    );
    const { from, to } = await accounts(messages, []);
    const job = await run(from, to);
    expect(job.status).toBe('completed');
    // The destination stores raw 8-bit header bytes as X, as Cyrus's munge8bit does.
    const munged = await rewriteMaildirMessages(
      testbed.destination,
      to.user.username,
      [],
      munge8bitHeader,
    );
    expect(munged).toBeGreaterThan(0);

    const restarted = await rerun(job, from, to);
    expect(restarted.status).toBe('completed');
    expect(restarted.counters).toMatchObject({ copied: 0, skipped: messages.length });
    expect(await inbox(to)).toHaveLength(messages.length);

    const asked = await api.verifyJob(restarted.id, from, to, { deep: true });
    const deep = await api.waitForAudit(restarted.id, asked.audit!.id, JOB_TIMEOUT_MS);
    expect(deep.status).toBe('completed');
    expect(deep.audit?.totals).toMatchObject({ missing: 0, extra: 0, changed: munged });
    const csv = (await api.auditReport(restarted.id, 'csv')).trim().split('\r\n');
    expect(csv[0]).toMatch(/^kind,source_folder,source_uid,/);
    expect(csv.slice(1).filter((line) => line.startsWith('changed,INBOX,'))).toHaveLength(munged);
  });
});
