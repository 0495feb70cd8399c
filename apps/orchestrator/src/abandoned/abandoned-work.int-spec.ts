// Work a worker died with every time, against a real Postgres and NATS: JetStream gives up
// the task and says so in an advisory, and the orchestrator fails the task in the job.
import { CopyTask, SUBJECTS } from '@btsx/contracts';
import { durableName, ensureConsumer } from '@btsx/platform';
import { copyTaskFixture, startNats, startPostgres } from '@btsx/testing';
import { Consumer } from 'nats';
import { counts, JobsTestbed, startJobsTestbed } from '../jobs-testbed';
import { eventually } from '../orchestrator-testbed';

let jobs: JobsTestbed;
let nc: JobsTestbed['nc'];
let bus: JobsTestbed['bus'];
let getJob: JobsTestbed['getJob'];
let statusLines: JobsTestbed['statusLines'];
let createJob: JobsTestbed['createJob'];
let plan: JobsTestbed['plan'];
let finishTask: JobsTestbed['finishTask'];

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  jobs = await startJobsTestbed({ postgres, nats });
  ({ nc, bus, getJob, statusLines, createJob, plan, finishTask } = jobs);
});

afterAll(() => jobs?.close());

describe('orchestrator', () => {
  it('fails a task its copier died with every time, says why, and completes with errors', async () => {
    const id = await createJob();
    await plan(id, [`${id}/0/0`, `${id}/0/1`]);
    await finishTask(id, `${id}/0/0`, counts(3));
    const copier = await dyingCopier();
    await bus.publish(SUBJECTS.copyTask, copyTaskFixture({ jobId: id, taskId: `${id}/0/1` }));
    const taken = await copier.next({ expires: 5_000 });
    expect(taken?.json<CopyTask>().taskId).toBe(`${id}/0/1`);
    // No ack: the copier died. JetStream gives up when it would deliver the task again.
    const again = copier.next({ expires: 3_000 });
    const view = await eventually(async () => {
      const v = await getJob(id);
      expect(v.status).toBe('completed_with_errors');
      return v;
    });
    expect(await again).toBeNull();
    const reason =
      'Copying this folder was given up after 1 attempt: the worker stopped every time';
    expect(view.folders[0]).toMatchObject({ copied: 3, state: 'failed' });
    expect(await statusLines(id)).toContain(`INBOX: ${reason}`);
  });
});

/** The copiers' durable consumer, as a copier that dies with each task makes it: one delivery. */
async function dyingCopier(): Promise<Consumer> {
  const subject = SUBJECTS.copyTask;
  const durable = durableName('copier', subject);
  const stream = await ensureConsumer(await nc.jetstreamManager(), {
    durable,
    subject,
    ackWaitMs: 300,
    maxDeliver: 1,
  });
  return nc.jetstream().consumers.get(stream, durable);
}
