// Two orchestrator replicas on one Postgres and NATS: task progress, broadcast to both and
// recorded by both without the job's lock, reaches the status pages of either with one
// "Copying" line, and the durable end settles the job once.
import { SUBJECTS } from '@btsx/contracts';
import { startNats, startPostgres } from '@btsx/testing';
import { counts, JobsTestbed, startJobsTestbed } from '../jobs-testbed';
import {
  eventually,
  OrchestratorTestbed,
  startOrchestratorTestbed,
  ThrowawayServer,
} from '../orchestrator-testbed';
import { readSse } from './sse-testbed';

let jobs: JobsTestbed;
let other: OrchestratorTestbed;

/** The first replica's testbed stops the servers; the second must leave them running. */
const shared = ({ url }: ThrowawayServer): ThrowawayServer => ({ url, stop: async () => {} });

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  jobs = await startJobsTestbed({ postgres, nats });
  other = await startOrchestratorTestbed({ postgres: shared(postgres), nats: shared(nats) });
});

afterAll(async () => {
  await other?.close();
  await jobs?.close();
});

describe('two orchestrator replicas', () => {
  it("push a task's progress to the pages on either, with one Copying line", async () => {
    const id = await jobs.createJob();
    const taskId = `${id}/0/0`;
    await jobs.plan(id, [taskId]);
    await eventually(async () => expect((await jobs.getJob(id)).status).toBe('running'));
    const pages = await Promise.all(
      [jobs.baseUrl, other.baseUrl].map(async (baseUrl) => {
        const events = readSse(await fetch(`${baseUrl}/api/jobs/${id}/events`));
        await events.until((e) => e.event === 'progress');
        return events;
      }),
    );

    jobs.bus.broadcast(SUBJECTS.taskProgress, { jobId: id, taskId, counts: counts(2) });
    for (const page of pages) {
      const seen = await page.until((e) => e.event === 'progress');
      expect(seen.at(-1)?.data.folders).toEqual([
        expect.objectContaining({ position: 0, copied: 2, state: 'copying' }),
      ]);
    }
    await jobs.finishTask(id, taskId, counts(3));
    for (const page of pages) {
      const rest = await page.until((e) => e.event === 'end');
      expect(rest.at(-1)?.data.status).toBe('completed');
    }
    expect(await jobs.statusLines(id)).toEqual([
      'Job created',
      'Found 1 folder (3 messages)',
      'Copying INBOX → INBOX',
      'INBOX: 3 copied, 0 skipped, 0 failed',
      'Migration completed: 3 copied, 0 skipped, 0 failed',
    ]);
  });
});
