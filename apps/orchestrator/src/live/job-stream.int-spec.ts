// A job's status page over Server-Sent Events against a real Postgres and NATS: stored
// lines, progress, the end with the final view, and resuming after Last-Event-ID.
import { SUBJECTS } from '@btsx/contracts';
import { startNats, startPostgres } from '@btsx/testing';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { counts, JobsTestbed, startJobsTestbed } from '../jobs-testbed';
import { eventually } from '../orchestrator-testbed';
import { readSse } from './sse-testbed';

/** Open status pages in the quiet test, and how long they stay quiet. */
const PAGES = 50;
const JOBS = 10;
/** The streams used to read their job every 2 s: this would see at least two rounds. */
const QUIET_MS = 5_000;

let jobs: JobsTestbed;
let baseUrl: JobsTestbed['baseUrl'];
let getJob: JobsTestbed['getJob'];
let createJob: JobsTestbed['createJob'];
let plan: JobsTestbed['plan'];
let finishTask: JobsTestbed['finishTask'];
let bus: JobsTestbed['bus'];

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  jobs = await startJobsTestbed({ postgres, nats });
  ({ baseUrl, getJob, createJob, plan, finishTask, bus } = jobs);
});

afterAll(() => jobs?.close());

describe('orchestrator', () => {
  it('streams status lines over SSE, then end with the final view', async () => {
    const id = await createJob();
    await plan(id, [`${id}/0/0`]);
    await eventually(async () => expect((await getJob(id)).status).toBe('running'));
    const response = await fetch(`${baseUrl}/api/jobs/${id}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const events = readSse(response);
    const first = await events.until((e) => e.event === 'progress');
    expect(first.filter((e) => e.event === 'status').map((e) => e.data.message)).toEqual([
      'Job created',
      'Found 1 folder (3 messages)',
    ]);
    await finishTask(id, `${id}/0/0`, counts(3));
    const rest = await events.until((e) => e.event === 'end');
    const messages = rest.filter((e) => e.event === 'status').map((e) => e.data.message);
    expect(messages).toEqual([
      'Copying INBOX → INBOX',
      'INBOX: 3 copied, 0 skipped, 0 failed',
      'Migration completed: 3 copied, 0 skipped, 0 failed',
    ]);
    expect(rest.at(-1)?.data.status).toBe('completed');
    expect(await events.closed).toBe(true);

    const resumed = readSse(
      await fetch(`${baseUrl}/api/jobs/${id}/events`, {
        headers: { 'Last-Event-ID': String(first[1].id) },
      }),
    );
    const replay = await resumed.until((e) => e.event === 'end');
    expect(replay.filter((e) => e.event === 'status')).toHaveLength(3);
  });
});

describe('live updates', () => {
  it(`costs the database nothing while ${PAGES} open pages' jobs are quiet, and pushes a change with its folder row`, async () => {
    const ids = await Promise.all(Array.from({ length: JOBS }, () => createJob()));
    for (const id of ids) await plan(id, [`${id}/0/0`]);
    await eventually(async () => {
      for (const id of ids) expect((await getJob(id)).status).toBe('running');
    });
    const pages = await Promise.all(
      Array.from({ length: PAGES }, async (_, n) => {
        const jobId = ids[n % JOBS];
        const events = readSse(await fetch(`${baseUrl}/api/jobs/${jobId}/events`));
        await events.until((e) => e.event === 'progress');
        return { jobId, events };
      }),
    );
    try {
      // A read asked for during a stream's first one follows it shortly: let those end.
      await new Promise((r) => setTimeout(r, 1_000));
      const queries = queriesAbout(ids);
      try {
        await new Promise((r) => setTimeout(r, QUIET_MS));
        expect(queries.count()).toBe(0);

        const [busy] = ids;
        bus.broadcast(SUBJECTS.taskProgress, {
          jobId: busy,
          taskId: `${busy}/0/0`,
          counts: counts(2),
        });
        for (const page of pages.filter((p) => p.jobId === busy)) {
          const seen = await page.events.until((e) => e.event === 'progress');
          expect(seen.filter((e) => e.event === 'status').map((e) => e.data.message)).toEqual([
            'Copying INBOX → INBOX',
          ]);
          expect(seen.at(-1)?.data.counters.copied).toBe(2);
          expect(seen.at(-1)?.data.folders).toEqual([
            expect.objectContaining({ position: 0, copied: 2, state: 'copying' }),
          ]);
        }
        expect(queries.count(ids.slice(1))).toBe(0);
      } finally {
        queries.stop();
      }
    } finally {
      await Promise.all(pages.map((p) => p.events.cancel()));
    }
  });
});

/** Counts the orchestrator's queries (it runs in this process) that name one of these jobs. */
function queriesAbout(jobIds: string[]) {
  const seen: string[][] = [];
  const original = PostgresQueryRunner.prototype.query;
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (
    this: PostgresQueryRunner,
    query: string,
    parameters?: unknown[],
  ) {
    seen.push(jobIds.filter((id) => query.includes(id) || (parameters ?? []).includes(id)));
    // eslint-disable-next-line prefer-rest-params
    return original.apply(this, arguments as unknown as Parameters<typeof original>);
  } as typeof original);
  return {
    count: (of = jobIds) => seen.filter((ids) => ids.some((id) => of.includes(id))).length,
    stop: () => spy.mockRestore(),
  };
}
