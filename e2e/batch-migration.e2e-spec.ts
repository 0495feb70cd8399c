// A batch of 100 mailbox pairs imported from CSV with the `btsx batch` CLI runs to the end
// within its limits, as the Dovecot servers themselves count sessions: never more users
// with an open IMAP session than the per-host limit allows. Every destination mailbox then
// matches its source, message by message.
import {
  batchCsv,
  BtsxAdminClient,
  DovecotUser,
  generateCorpus,
  MailboxPair,
  mailboxPairs,
  MigrationTestbed,
  pairDifferences,
  pollUntil,
  seedMailbox,
  startBatchTestbed,
} from '@btsx/testing';
import { BatchView, JobView } from '@btsx/contracts';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
const OUTPUT = resolve('test-output/e2e/batch-migration');
const PAIRS = 100;
const CONCURRENCY = 6;
const PER_HOST_LIMIT = 4;
const ADMIN = { email: 'admin@btsx.test', password: 'batch-Admin-Secret-1' };
const SAMPLE_MS = 50;
/** A scheduled batch's passes: every 3 s. */
const SCHEDULE_EVERY_HOURS = 3 / 3600;
const BATCH_TIMEOUT_MS = 600_000;

const PAIR_LIST = mailboxPairs('u', PAIRS);
const SOURCES = PAIR_LIST.map(([from]) => from);
const TARGETS = PAIR_LIST.map(([, to]) => to);

describe('a batch of 100 mailbox pairs from CSV', () => {
  let testbed: MigrationTestbed;
  let admin: BtsxAdminClient;
  let token: string;

  beforeAll(async () => {
    testbed = await startBatchTestbed({
      outputDir: OUTPUT,
      pairs: PAIR_LIST,
      admin: ADMIN,
      corpus: { messages: 3, folders: 1, firstSeed: 1 },
      // Schedules' passes a few seconds apart, looked at five times a second.
      orchestratorEnv: {
        BATCH_TICK_MS: '200',
        SCHEDULE_TICK_MS: '200',
        SCHEDULE_MIN_INTERVAL_MS: '1000',
      },
    });
    admin = await BtsxAdminClient.login(testbed.url, ADMIN.email, ADMIN.password);
    token = await admin.createApiToken('e2e');
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  /** A batch's job, read as its tenant's admin (the env first admin: the MSP's owner). */
  function tenantJob(jobId: string): Promise<Response> {
    return fetch(`${testbed.url}/api/jobs/${jobId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  }

  async function credentialsInVault(): Promise<number> {
    const db = new Client({ connectionString: testbed.postgres.url });
    await db.connect();
    try {
      return (await db.query('SELECT count(*)::int AS n FROM auth.credential')).rows[0].n;
    } finally {
      await db.end();
    }
  }

  function btsx(...args: string[]) {
    return run(process.execPath, ['tools/btsx.mjs', '--server', testbed.url, ...args], {
      env: { ...process.env, BTSX_ADMIN_TOKEN: token },
      maxBuffer: 16 * 1024 * 1024,
    });
  }

  /** `btsx batch ACTION ID --json`: the action's answer, as the binary printed it. */
  async function batchCli(action: string, batchId: string) {
    return JSON.parse((await btsx('batch', action, batchId, '--json')).stdout);
  }

  /** `count` new pairs named `prefix`, each source seeded with `messages` letters (if any). */
  async function newPairs(prefix: string, count: number, messages = 0, folders = 0) {
    const pairs = mailboxPairs(prefix, count);
    for (const [from, to] of pairs) {
      await testbed.source.addUser(from);
      await testbed.destination.addUser(to);
      if (messages === 0) continue;
      const corpus = generateCorpus({ messages, folders, seed: count + messages });
      await seedMailbox(testbed.source, from, corpus);
    }
    return pairs;
  }

  const csvOf = (pairs: MailboxPair[]) => batchCsv(testbed.source, testbed.destination, pairs);

  /** Polls the batch until it completed, sampling each server's users with a session. */
  async function watch(batchId: string) {
    const most = { source: 0, destination: 0, active: 0 };
    const deadline = Date.now() + BATCH_TIMEOUT_MS;
    let view: BatchView;
    for (;;) {
      const [sources, destinations] = await Promise.all([
        testbed.source.usersWithSessions(),
        testbed.destination.usersWithSessions(),
      ]);
      most.source = Math.max(most.source, sources.length);
      most.destination = Math.max(most.destination, destinations.length);
      view = await admin.batch(batchId);
      const s = view.totals.states;
      const active = (s.starting ?? 0) + (s.queued ?? 0) + (s.running ?? 0) + (s.verifying ?? 0);
      most.active = Math.max(most.active, active);
      if (view.state !== 'running' || Date.now() > deadline) return { view, most };
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
    }
  }

  it('runs every pair within the limits and copies every mailbox', async () => {
    const file = join(OUTPUT, 'batch.csv');
    await writeFile(file, csvOf(PAIR_LIST));
    const imported = await btsx(
      'batch',
      'import',
      file,
      '--name',
      'e2e batch',
      '--concurrency',
      String(CONCURRENCY),
      '--per-host-limit',
      String(PER_HOST_LIMIT),
    );
    const batchId = /^Batch (\S+) imported: 100 mailbox pairs$/m.exec(imported.stdout)?.[1];
    expect(batchId).toBeDefined();

    const { view, most } = await watch(batchId!);
    await writeFile(join(OUTPUT, 'observed.json'), JSON.stringify({ most, view }, null, 2));
    expect(view.state).toBe('completed');
    expect(view.totals.states).toEqual({ completed: PAIRS });
    // Both servers are one host (127.0.0.1): the per-host limit is the binding one.
    expect(most.active).toBeLessThanOrEqual(PER_HOST_LIMIT);
    expect(most.source).toBeLessThanOrEqual(PER_HOST_LIMIT);
    expect(most.destination).toBeLessThanOrEqual(PER_HOST_LIMIT);
    // The limit was the limit, not idleness: jobs ran side by side.
    expect(most.source).toBeGreaterThanOrEqual(2);

    expect(await pairDifferences(testbed, PAIR_LIST)).toEqual([]);

    // Each row became an ordinary job, on the ordinary status page: the tenant's admins'
    // alone, so its id alone opens nothing.
    const items = await admin.items(batchId!);
    const job = await (await tenantJob(items[0].jobId!)).json();
    expect(job).toMatchObject({ status: 'completed', source: { username: SOURCES[0].username } });
    expect((await fetch(`${testbed.url}/api/jobs/${items[0].jobId}`)).status).toBe(404);

    const status = await btsx('batch', 'status', batchId!);
    expect(status.stdout).toMatch(/State: +completed/);
    expect(await batchCli('status', batchId!)).toMatchObject({ id: batchId, state: 'completed' });
    const listed: { jobId: string }[] = await batchCli('report', batchId!);
    expect(listed.map((i) => i.jobId).sort()).toEqual(items.map((i) => i.jobId).sort());
    const report = (await btsx('batch', 'report', batchId!)).stdout.trim().split('\r\n');
    expect(report).toHaveLength(PAIRS + 1);
    expect(report[0]).toMatch(/^line,source_host,source_username,.*,state,copied,.*,audit,/);
    const states = report.slice(1).map((line) => line.split(',')[5]);
    expect(new Set(states)).toEqual(new Set(['completed']));
    await writeFile(join(OUTPUT, 'report.csv'), report.join('\n'));

    const logs = await testbed.system.logs();
    for (const user of [...SOURCES, ...TARGETS]) expect(logs).not.toContain(user.password);

    // Each job's copies of the credentials went with the job; the batch holds its own
    // (for retries and delta passes) until it is deleted.
    await pollUntil(
      'the per-job credential copies to be purged',
      async () => ((await credentialsInVault()) === 2 * PAIRS ? true : undefined),
      30_000,
    );
    expect(await batchCli('delete', batchId!)).toEqual({ id: batchId, deleted: true });
    await pollUntil(
      "the batch's credentials to be discarded",
      async () => ((await credentialsInVault()) === 0 ? true : undefined),
      30_000,
    );
    expect(await (await tenantJob(items[0].jobId!)).json()).toMatchObject({
      status: 'completed',
    });
  });

  it('rejects a CSV with bad rows whole, with their line numbers', async () => {
    const file = join(OUTPUT, 'bad.csv');
    const good = csvOf([[SOURCES[0], TARGETS[0]]]).trim();
    await writeFile(
      file,
      `${good}\n127.0.0.1,notaport,none,x@source.test,pw,127.0.0.1,143,none,x@dest.test,pw\n` +
        `127.0.0.1,143,none,,pw,127.0.0.1,143,bogus,y@dest.test,pw\n`,
    );
    const failed = await btsx('batch', 'import', file).then(
      () => {
        throw new Error('the bad CSV was accepted');
      },
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('line 3: source_port must be a port number');
    expect(failed.stderr).toContain('line 4: source_username is required');
    expect(failed.stderr).toContain(
      'line 4: destination_security must be one of tls, starttls, none',
    );
    const batches = await admin.send<BatchView[]>('GET', '/api/admin/batches');
    expect(batches).toEqual([]);
  });

  it('retries a failed job and picks up new mail with a delta pass, without duplicates', async () => {
    const pairs = await newPairs('r', 3, 4, 1);
    // The CSV has r2's source password wrong: that job alone fails at its login.
    const wrong: DovecotUser = { ...pairs[1][0], password: 'src-r002-typo' };
    const batchId = await admin.importCsv(csvOf([pairs[0], [wrong, pairs[1][1]], pairs[2]]));
    const first = await admin.waitForBatchEnd(batchId);
    expect(first.state).toBe('completed');
    expect(first.totals.states).toEqual({ completed: 2, failed: 1 });
    const reasons = await admin.send<{ reason: string; jobs: number }[]>(
      'GET',
      `/api/admin/batches/${batchId}/failure-reasons`,
    );
    expect(reasons[0].jobs).toBe(1);

    await testbed.source.changePassword(wrong);
    expect(await batchCli('retry', batchId)).toEqual({ id: batchId, action: 'retry', affected: 1 });
    const retried = await admin.waitForBatchEnd(batchId);
    expect(retried.totals.states).toEqual({ completed: 3 });

    const [r1] = pairs[0];
    await seedMailbox(testbed.source, r1, generateCorpus({ messages: 2, folders: 0, seed: 41 }));
    expect(await batchCli('delta', batchId)).toEqual({ id: batchId, action: 'delta', affected: 3 });
    const delta = await admin.waitForBatchEnd(batchId);
    expect(delta.totals.states).toEqual({ completed: 3 });
    const items = await admin.items(batchId);
    expect(items.map((i) => i.runs)).toEqual([2, 3, 2]);
    // Each line ran as a delta pass of its last job: r1 copied its two new letters, no more.
    const passes: JobView[] = await Promise.all(
      items.map(async (i) => (await (await tenantJob(i.jobId!)).json()) as JobView),
    );
    expect(passes.map((p) => p.delta)).toEqual([true, true, true]);
    expect(passes.map((p) => p.counters.copied)).toEqual([2, 0, 0]);
    const copied: MailboxPair[] = [[wrong, pairs[1][1]], pairs[0], pairs[2]];
    expect(await pairDifferences(testbed, copied)).toEqual([]);
  });

  it('runs a scheduled batch: a first pass, delta passes that copy what arrived, then a final pass on command', async () => {
    const pairs = await newPairs('s', 2, 3, 1);
    const batchId = await admin.importCsv(csvOf(pairs), {
      everyHours: String(SCHEDULE_EVERY_HOURS),
      timeZone: 'UTC',
    });
    const passEnded = (n: number) => (b: BatchView) => !!b.schedule?.passes[n - 1]?.endedAt;
    await scheduledBatch(batchId, passEnded(1));
    const [s1] = pairs[0];
    await seedMailbox(testbed.source, s1, generateCorpus({ messages: 1, folders: 0, seed: 77 }));
    // The letter arrived after pass 1; a later pass copies it, whichever it is.
    const copiedSince = (b: BatchView) =>
      (b.schedule?.passes ?? []).slice(1).reduce((sum, pass) => sum + (pass.copied ?? 0), 0);
    await scheduledBatch(batchId, (b) => copiedSince(b) === 1);
    expect(await batchCli('final', batchId)).toMatchObject({ id: batchId, action: 'final' });
    // Its end discards the passwords at auth, a moment after the schedule says finished.
    const done = await scheduledBatch(
      batchId,
      (b) => b.schedule?.state === 'finished' && !b.credentials.held,
    );
    const passes = done.schedule!.passes;
    expect(passes[0]).toMatchObject({ number: 1, delta: false, lines: 2, copied: 6 });
    expect(passes.slice(1).every((pass) => pass.delta && pass.lines === 2)).toBe(true);
    expect(passes.at(-1)!.final).toBe(true);
    expect(copiedSince(done)).toBe(1);
    expect(done.credentials.discardedWhy).toBe('its schedule ended');
    expect(await pairDifferences(testbed, pairs)).toEqual([]);
  });

  /** The scheduled batch once `done` says so. */
  function scheduledBatch(id: string, done: (b: BatchView) => boolean): Promise<BatchView> {
    return pollUntil(
      `batch ${id}'s schedule to get there`,
      async () => {
        const view = await admin.batch(id);
        return done(view) ? view : undefined;
      },
      60_000,
    );
  }

  it('pauses and resumes a batch from the command line', async () => {
    const pairs = await newPairs('p', 2, 2);
    const batchId = await admin.importCsv(csvOf(pairs), { concurrency: '1' });
    expect(await batchCli('pause', batchId)).toEqual({ id: batchId, action: 'pause', affected: 0 });
    expect((await admin.batch(batchId)).state).toBe('paused');
    expect(await batchCli('resume', batchId)).toEqual({
      id: batchId,
      action: 'resume',
      affected: 0,
    });
    const view = await admin.waitForBatchEnd(batchId);
    expect(view.totals.states).toEqual({ completed: 2 });
    expect(await pairDifferences(testbed, pairs)).toEqual([]);
  });

  it('cancels a batch: nothing more starts and it cannot be retried', async () => {
    const pairs = await newPairs('c', 3);
    const batchId = await admin.importCsv(csvOf(pairs), { concurrency: '1' });
    // Paused through the API at once: a process start of the CLI lets empty jobs finish.
    await admin.send('POST', `/api/admin/batches/${batchId}/pause`);
    expect((await admin.batch(batchId)).state).toBe('paused');
    expect(await batchCli('cancel', batchId)).toMatchObject({ action: 'cancel' });
    const view = await admin.waitForBatchEnd(batchId);
    expect(view.state).toBe('cancelled');
    // An item the scheduler was starting when the cancel came settles a moment later.
    const items = await pollUntil(
      'the cancelled batch to settle',
      async () => {
        const now = await admin.items(batchId);
        return now.some((i) => i.state === 'starting') ? undefined : now;
      },
      30_000,
    );
    expect(items.filter((i) => i.state === 'cancelled').length).toBeGreaterThanOrEqual(2);
    expect(items.map((i) => i.state)).toEqual(
      items.map((i) => (i.state === 'completed' ? 'completed' : 'cancelled')),
    );
    await expect(btsx('batch', 'retry', batchId)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('the server answered 409'),
    });
  });
});
