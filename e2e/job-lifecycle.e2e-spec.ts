// A job's lifecycle end to end: cancel, delete, credentials purged at the end, and one
// message the destination refuses. Every service as its own process (two copiers), two
// real Dovecot servers (the destination refuses large APPENDs), jobs through the public
// API, and the mailboxes read back message by message.
import { ACCOUNT_SIDES, AccountSide, CreateJobRequest, jobLogins, SUBJECTS } from '@btsx/contracts';
import { BusClient, natsConnectOptions, RemoteError } from '@btsx/platform';
import {
  ApiError,
  BtsxApiClient,
  compareMailboxes,
  CorpusOptions,
  countAccountMessages,
  DEFAULT_JOB_OPTIONS,
  DovecotUser,
  generateCorpus,
  listFolderMessages,
  MailboxSnapshot,
  MigrationTestbed,
  pollUntil,
  readMailbox,
  seedMailbox,
  SnapshotMessage,
  snapshotMessageCount,
  StartedJob,
} from '@btsx/testing';
import { connect, NatsConnection } from 'nats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';

const OUTPUT = resolve('test-output/e2e/job-lifecycle');
/** The destination refuses larger APPENDs; generated messages stay under 600 kB. */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
const BIG_MESSAGE_BYTES = 3 * 1024 * 1024;
/** Big enough to still be copying, with both copiers busy, when the test cancels. */
const BIG_MAILBOX: CorpusOptions = { messages: 3000, folders: 2, seed: 51 };
/** The bound: every worker stops the job's work within this after the cancel. */
const CANCEL_BOUND_MS = 5_000;
/** Then nothing may arrive for this long either. */
const QUIET_MS = 3_000;
const JOB_TIMEOUT_MS = 120_000;
/** job.finished is handled asynchronously by auth; generous for a loaded machine. */
const PURGE_TIMEOUT_MS = 30_000;

function filterMessages(
  snapshot: MailboxSnapshot,
  keep: (message: SnapshotMessage) => boolean,
): MailboxSnapshot {
  return snapshot.map((folder) => ({ ...folder, messages: folder.messages.filter(keep) }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the lifecycle of a job', () => {
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;
  let nats: NatsConnection;
  let bus: BusClient;
  let bigSource: DovecotUser;
  let users = 0;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [], separator: '/' },
      destination: { users: [], separator: '.', maxMessageBytes: MAX_MESSAGE_BYTES },
      replicas: { copier: 2 },
    });
    api = new BtsxApiClient(testbed.url);
    // Plays a copier, the one kind of service (with discovery) that may resolve credentials.
    const copier = { NATS_URL: testbed.nats.url, NATS_PASSWORD: testbed.nats.passwords?.copier };
    nats = await connect(natsConnectOptions('copier', copier));
    bus = new BusClient(nats);
    bigSource = await sourceAccount('big', BIG_MAILBOX);
  });

  afterAll(async () => {
    await nats?.close();
    await testbed?.stop();
  });

  /** A fresh source account with a generated mailbox; `bigFirst` puts the big message first. */
  async function sourceAccount(
    name: string,
    corpus: CorpusOptions,
    bigFirst = false,
  ): Promise<DovecotUser> {
    const user = { username: `${name}-${++users}@source.test`, password: `src-${name}-pw` };
    await testbed.source.addUser(user);
    const folders = generateCorpus(corpus);
    // generateCorpus appends the big message to INBOX last; first, it has a folder after it.
    if (bigFirst) folders[0].messages.unshift(folders[0].messages.pop()!);
    await seedMailbox(testbed.source, user, folders);
    return user;
  }

  async function destinationAccount(name: string): Promise<DovecotUser> {
    const user = { username: `${name}-${++users}@dest.test`, password: `dst-${name}-pw` };
    await testbed.destination.addUser(user);
    return user;
  }

  const start = (from: DovecotUser, to: DovecotUser, options = {}) =>
    api.startJob(
      { server: testbed.source, user: from },
      { server: testbed.destination, user: to },
      options,
    );

  /** What auth answers a worker asking for this job's login: the login, or an error kind. */
  async function resolveCredential(jobId: string, side: AccountSide): Promise<string> {
    try {
      await bus.request(SUBJECTS.credentialResolve, { owner: jobLogins(jobId), side });
      return 'resolved';
    } catch (error) {
      if (error instanceof RemoteError) return error.kind;
      throw error;
    }
  }

  function signIn(from: DovecotUser, to: DovecotUser) {
    return api.signIn(
      { server: testbed.source, user: from },
      { server: testbed.destination, user: to },
    );
  }

  async function expectCredentialsPurged(job: Pick<StartedJob, 'id'>): Promise<void> {
    for (const side of ACCOUNT_SIDES) {
      const kind = await pollUntil(
        `${side} credential of job ${job.id} purged`,
        async () => {
          const answer = await resolveCredential(job.id, side);
          return answer === 'resolved' ? undefined : answer;
        },
        PURGE_TIMEOUT_MS,
      );
      expect(kind).toBe('credential_not_found');
    }
  }

  /** Rows still held for the job in any table of the orchestrator's schema. */
  async function rowsOfJob(jobId: string): Promise<Record<string, number>> {
    const client = new Client({ connectionString: testbed.postgres.url });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        `select table_name from information_schema.columns
          where table_schema = 'orchestrator' and column_name = 'job_id'`,
      );
      const counts: Record<string, number> = {};
      const jobs = await client.query('select 1 from orchestrator.jobs where id = $1', [jobId]);
      counts['jobs'] = jobs.rowCount ?? 0;
      for (const { table_name: table } of tables.rows) {
        const rows = await client.query(`select 1 from orchestrator."${table}" where job_id = $1`, [
          jobId,
        ]);
        counts[table] = rows.rowCount ?? 0;
      }
      return counts;
    } finally {
      await client.end();
    }
  }

  /** Every copier process that logged work on this job. */
  function copiersThatWorkedOn(jobId: string): string[] {
    return testbed.system.processes
      .map((p) => p.options)
      .filter((o) => o.name.startsWith('copier'))
      .filter((o) => readFileSync(o.logPath, 'utf8').includes(`Task ${jobId}/`))
      .map((o) => o.name);
  }

  it('cancel stops every worker within 5 s; what was copied stays copied and is reported', async () => {
    const to = await destinationAccount('cancel');
    const job = await start(bigSource, to, { progressUpdates: true });
    await api.waitFor(job.id, (j) => j.status === 'running' && j.counters.copied > 0, {
      timeoutMs: JOB_TIMEOUT_MS,
      what: 'running with messages copied',
    });

    const cancelled = await api.cancel(job.id);
    expect(cancelled.status).toBe('cancelled');
    const startedAt = Date.now();
    // For the report only: what had arrived by the time the cancel was answered. The
    // copiers may still hold every connection the server allows this user, so it may say no.
    const atCancel = await countAccountMessages(testbed.destination, to).catch(() => 'unknown');
    await sleep(CANCEL_BOUND_MS - (Date.now() - startedAt));
    const settled = await readMailbox(testbed.destination, to);
    await sleep(QUIET_MS);
    const later = await readMailbox(testbed.destination, to);

    // Nothing arrived after the bound, and the job really was cut short.
    expect(later).toEqual(settled);
    const source = await readMailbox(testbed.source, bigSource);
    expect(snapshotMessageCount(later)).toBeGreaterThan(0);
    expect(snapshotMessageCount(later)).toBeLessThan(snapshotMessageCount(source));
    // What arrived is whole: only messages of the source, each at most once.
    const wrong = compareMailboxes(source, later).filter((d) => !/: missing message /.test(d));
    expect(wrong).toEqual([]);
    expect(copiersThatWorkedOn(job.id)).toEqual(['copier', 'copier-2']);

    // The job stays cancelled and reports exactly what is at the destination.
    const reported = await api
      .waitFor(job.id, (j) => j.counters.copied === snapshotMessageCount(later), {
        timeoutMs: 15_000,
        what: `counters.copied = ${snapshotMessageCount(later)} (messages at the destination)`,
      })
      .catch(async (error) => {
        const view = await api.getJob(job.id);
        throw new Error(
          `${error.message}; the destination held ${atCancel} messages when the cancel was` +
            ` answered and ${snapshotMessageCount(later)} from 5 s on; the job reports` +
            ` ${JSON.stringify(view.counters)}`,
        );
      });
    expect(reported.status).toBe('cancelled');
    await expectCredentialsPurged(job);
  });

  it('delete is refused while the job runs and removes a finished job with all it had', async () => {
    const to = await destinationAccount('delete');
    const job = await start(bigSource, to);
    await api.waitForStatus(job.id, 'running', JOB_TIMEOUT_MS);

    await expect(api.delete(job.id)).rejects.toMatchObject({ status: 409 });
    expect((await api.getJob(job.id)).status).toBe('running');

    await api.cancel(job.id);
    const before = await rowsOfJob(job.id);
    expect(before['jobs']).toBe(1);
    expect(before['job_events']).toBeGreaterThan(0);
    expect(before['job_folders']).toBeGreaterThan(0);

    await api.delete(job.id);
    await expect(api.getJob(job.id)).rejects.toMatchObject({ status: 404 });
    await expect(api.statusLines(job.id)).rejects.toMatchObject({ status: 404 });
    const after = await rowsOfJob(job.id);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    await expectCredentialsPurged(job);
  });

  it('deletes a completed job too, with its folders, status lines and failures', async () => {
    const from = await sourceAccount('delete-done', {
      messages: 30,
      folders: 2,
      seed: 52,
      bigMessageBytes: BIG_MESSAGE_BYTES,
    });
    const to = await destinationAccount('delete-done');
    const job = await start(from, to);
    const ended = await api.waitForEnd(job.id, JOB_TIMEOUT_MS);
    expect(ended.status).toBe('completed_with_errors');
    expect((await rowsOfJob(job.id))['message_failures']).toBe(1);

    await api.delete(job.id);
    await expect(api.getJob(job.id)).rejects.toMatchObject({ status: 404 });
    await expect(api.delete(job.id)).rejects.toMatchObject({ status: 404 });
    const after = await rowsOfJob(job.id);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
  });

  it('purges both credentials when a job completes', async () => {
    const from = await sourceAccount('purge', { messages: 40, folders: 2, seed: 53 });
    const to = await destinationAccount('purge');
    const tokens = await signIn(from, to);
    const id = await api.createJob({ ...tokens, options: { ...DEFAULT_JOB_OPTIONS } });
    const ended = await api.waitForEnd(id, JOB_TIMEOUT_MS);
    expect(ended.status).toBe('completed');
    await expectCredentialsPurged({ id });
    // A token signed in to its mailbox until claimed: no log may hold one.
    const logs = await testbed.system.logs();
    for (const token of Object.values(tokens)) expect(logs).not.toContain(token);
  });

  it('lets a credential token start one job, for its side, from its own session', async () => {
    const from = await sourceAccount('replay', { messages: 3, folders: 0, seed: 57 });
    const to = await destinationAccount('replay');
    const tokens = await signIn(from, to);
    const options = { ...DEFAULT_JOB_OPTIONS };
    const refusal = (client: BtsxApiClient, request: CreateJobRequest) =>
      client.createJob(request).then(
        () => 'accepted',
        (error: ApiError) => `${error.status} ${JSON.parse(error.body).message}`,
      );
    const swapped = {
      sourceCredentialId: tokens.destinationCredentialId,
      destinationCredentialId: tokens.sourceCredentialId,
    };
    expect(await refusal(api, { ...swapped, options })).toBe(
      '400 The source account must authenticate again',
    );
    const stranger = new BtsxApiClient(testbed.url);
    expect(await refusal(stranger, { ...tokens, options })).toBe(
      '400 The source account must authenticate again',
    );
    // Neither refusal used the tokens up: their own session starts the job with them, once.
    const id = await api.createJob({ ...tokens, options });
    expect(await refusal(api, { ...tokens, options })).toBe(
      '400 The source account must authenticate again',
    );
    const ended = await api.waitForEnd(id, JOB_TIMEOUT_MS);
    expect(ended.status).toBe('completed');
    expect(ended.counters.copied).toBe(3);
    const fresh = await api.verify({ server: testbed.source, user: from }, 'source');
    expect(
      await refusal(api, {
        sourceCredentialId: fresh,
        destinationCredentialId: tokens.destinationCredentialId,
        options,
      }),
    ).toBe('400 The destination account must authenticate again');
  });

  it('records a message the destination refuses and goes on with its folder', async () => {
    const from = await sourceAccount(
      'too-big',
      {
        messages: 80,
        folders: 3,
        seed: 54,
        bigMessageBytes: BIG_MESSAGE_BYTES,
      },
      true,
    );
    const source = await readMailbox(testbed.source, from);
    const inbox = await listFolderMessages(testbed.source, from, 'INBOX');
    const big = inbox.find((m) => m.size > MAX_MESSAGE_BYTES)!;
    expect(big).toBeDefined();
    expect(big.uid).toBeLessThan(inbox[inbox.length - 1].uid);

    const to = await destinationAccount('too-big');
    const job = await start(from, to, { progressUpdates: true });
    const ended = await api.waitForEnd(job.id, JOB_TIMEOUT_MS);

    expect(ended.status).toBe('completed_with_errors');
    expect(ended.failures).toEqual([
      {
        folder: 'INBOX',
        uid: big.uid,
        size: big.size,
        reason: expect.stringMatching(/too large|size|limit/i),
      },
    ]);
    const total = snapshotMessageCount(source);
    expect(ended.counters).toMatchObject({ total, copied: total - 1, skipped: 0, failed: 1 });
    const inboxRow = ended.folders.find((f) => f.source === 'INBOX');
    expect(inboxRow).toMatchObject({ copied: inbox.length - 1, failed: 1, state: 'done' });
    // Every other message arrived, in INBOX too (the folder went on after the refusal).
    const destination = await readMailbox(testbed.destination, to);
    const others = filterMessages(source, (m) => m.sha256 !== big.sha256);
    expect(compareMailboxes(others, destination)).toEqual([]);
    await expectCredentialsPurged(job);
  });

  it('with Delete Source leaves a refused message in the source', async () => {
    const from = await sourceAccount(
      'too-big-delete',
      {
        messages: 60,
        folders: 2,
        seed: 55,
        bigMessageBytes: BIG_MESSAGE_BYTES,
      },
      true,
    );
    const before = await readMailbox(testbed.source, from);
    const to = await destinationAccount('too-big-delete');
    const job = await start(from, to, { deleteSource: true });
    const ended = await api.waitForEnd(job.id, JOB_TIMEOUT_MS);

    expect(ended.status).toBe('completed_with_errors');
    const isBig = (m: SnapshotMessage) => m.size > MAX_MESSAGE_BYTES;
    // Only the refused message is left, untouched (no \Deleted, no \Seen added).
    expect(await readMailbox(testbed.source, from)).toEqual(filterMessages(before, isBig));
    const destination = await readMailbox(testbed.destination, to);
    expect(
      compareMailboxes(
        filterMessages(before, (m) => !isBig(m)),
        destination,
      ),
    ).toEqual([]);
  });

  it('never writes a password into any service log', async () => {
    const logs = await testbed.system.logs();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toMatch(/(src|dst)-[a-z-]+-pw/);
  });
});
