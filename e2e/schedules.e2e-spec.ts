// A schedule end to end on real Dovecot, with two orchestrator replicas and passes seconds
// apart (SCHEDULE_MIN_INTERVAL_MS lowered for the test): a full first pass, delta passes that
// copy what arrived at the source between them, a final pass on command, and the schedule's
// held credentials gone at its end, as at a cancel. No timing is asserted: which delta pass
// copies a letter depends on when it starts, so the checks count what the delta passes copied.
import { isTerminal, SchedulePassView, ScheduleView } from '@btsx/contracts';
import {
  ApiAccount,
  ApiError,
  BtsxApiClient,
  FixtureMessage,
  generateCorpus,
  MigrationTestbed,
  readMailbox,
  seedMailbox,
  withImapSession,
} from '@btsx/testing';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';

const OUTPUT = resolve('test-output/e2e/schedules');
/** Passes four seconds apart: room for a pass of a few dozen letters, and still quick. */
const EVERY_HOURS = 4 / 3600;
const WAIT_MS = 60_000;

const corpus = (messages: number, seed: number): FixtureMessage[] =>
  generateCorpus({ messages, folders: 0, seed }).flatMap((f) => f.messages);

const ended = (pass: SchedulePassView | undefined) => pass !== undefined && isTerminal(pass.status);
/** Letters the delta passes copied: each new letter once, whichever pass it fell to. */
const copiedAfterFirst = (schedule: ScheduleView) =>
  schedule.passes.slice(1).reduce((sum, pass) => sum + pass.counters.copied, 0);

describe('schedules', () => {
  let testbed: MigrationTestbed;
  let api: BtsxApiClient;
  let from: ApiAccount;
  let to: ApiAccount;
  let db: Client;

  beforeAll(async () => {
    testbed = await MigrationTestbed.start({
      outputDir: OUTPUT,
      source: { users: [] },
      destination: { users: [] },
      replicas: { orchestrator: 2 },
      serviceEnv: {
        orchestrator: { SCHEDULE_MIN_INTERVAL_MS: '1000', SCHEDULE_TICK_MS: '200' },
      },
    });
    api = new BtsxApiClient(testbed.url);
    const user = (side: string) => ({
      username: `${side}-${randomUUID()}@test.local`,
      password: 'pw',
    });
    from = { server: testbed.source, user: user('from') };
    to = { server: testbed.destination, user: user('to') };
    await Promise.all([testbed.source.addUser(from.user), testbed.destination.addUser(to.user)]);
    await seedMailbox(testbed.source, from.user, [
      { path: 'INBOX', messages: corpus(20, 1) },
      { path: 'Work', messages: corpus(8, 2) },
    ]);
    db = new Client({ connectionString: testbed.postgres.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await testbed?.stop();
  });

  const snapshot = (account: ApiAccount) => readMailbox(account.server, account.user);
  const heldCredentials = async () =>
    (
      await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM auth.credential WHERE owner IS NULL AND token_hash IS NULL',
      )
    ).rows[0].n;

  async function append(messages: FixtureMessage[]): Promise<Date> {
    await withImapSession(from.server, from.user, async (client) => {
      for (const m of messages) await client.append('INBOX', m.raw, m.flags, m.internalDate);
    });
    return new Date();
  }

  it('runs a full pass, delta passes, and a final pass on command, then lets go of the passwords', async () => {
    const id = await api.createSchedule(from, to, {
      timeZone: 'Europe/Berlin',
      everyHours: EVERY_HOURS,
    });
    expect(await heldCredentials()).toBe(2);
    const first = await api.waitForSchedule(id, (s) => ended(s.passes[0]), 'pass 1 ended', WAIT_MS);
    expect(first.passes[0]).toMatchObject({ number: 1, delta: false, status: 'completed' });
    expect(first.passes[0].counters).toMatchObject({ copied: 28, failed: 0 });
    expect((await api.getJob(first.passes[0].jobId)).scheduleId).toBe(id);

    // Mail arrives between passes: the delta passes copy it, once (a pass that was running
    // as it arrived may have copied some of it already; the next copies the rest).
    const addedAt = await append(corpus(3, 3));
    const second = await api.waitForSchedule(
      id,
      (s) => s.passes.some((p) => new Date(p.startedAt) > addedAt) && ended(s.passes.at(-1)),
      'a pass after the new mail',
      WAIT_MS,
    );
    expect(second.passes.slice(1).every((p) => p.delta && !p.final)).toBe(true);
    expect(second.passes.every((p) => p.status === 'completed')).toBe(true);
    expect(copiedAfterFirst(second)).toBe(3);
    expect(second.nextPassAt).not.toBeNull();
    expect(await snapshot(to)).toEqual(await snapshot(from));

    // The final pass copies what arrived since, then the schedule ends and holds nothing.
    await append(corpus(2, 4));
    expect((await api.finalPass(id)).state).toBe('final-requested');
    const done = await api.waitForSchedule(id, (s) => s.state === 'finished', 'the end', WAIT_MS);
    expect(done.passes.at(-1)).toMatchObject({ delta: true, final: true, status: 'completed' });
    expect(done.passes.filter((p) => p.final)).toHaveLength(1);
    expect(copiedAfterFirst(done)).toBe(5);
    expect(done).toMatchObject({ credentialsHeld: false, nextPassAt: null });
    expect(done.passes.map((p) => p.number)).toEqual(done.passes.map((_, n) => n + 1));
    expect(await snapshot(to)).toEqual(await snapshot(from));
    expect(await heldCredentials()).toBe(0);
    const again = await api.finalPass(id).catch((e: unknown) => e);
    expect((again as ApiError).status).toBe(409);
  });

  it('a cancelled schedule starts no pass and discards its passwords', async () => {
    const startAt = new Date(Date.now() + 3_600_000).toISOString();
    const id = await api.createSchedule(from, to, {
      timeZone: 'UTC',
      everyHours: 1,
      startAt,
    });
    expect((await api.getSchedule(id)).state).toBe('scheduled');
    const cancelled = await api.cancelSchedule(id);
    expect(cancelled).toMatchObject({ state: 'cancelled', credentialsHeld: false, passes: [] });
    expect(await heldCredentials()).toBe(0);
  });

  it('refuses an interval under the minimum and an unknown time zone', async () => {
    const tooShort = await api
      .createSchedule(from, to, { timeZone: 'UTC', everyHours: 0.1 / 3600 })
      .catch((e: unknown) => e);
    expect((tooShort as ApiError).status).toBe(400);
    const badZone = await api
      .createSchedule(from, to, { timeZone: 'Mars/Olympus', everyHours: 1 })
      .catch((e: unknown) => e);
    expect((badZone as ApiError).status).toBe(400);
    expect(await heldCredentials()).toBe(0);
  });
});
