// Discovery's plan and the copiers' task events folded into a job, against a real
// Postgres and NATS: counters, folder states, failures, refusals, the end of the job and
// its job.finished, whatever the order and however often each event comes.
import { jobLogins, SUBJECTS } from '@btsx/contracts';
import { startNats, startPostgres } from '@btsx/testing';
import { counts, DAY_MS, JobsTestbed, OPTIONS, startJobsTestbed } from '../jobs-testbed';
import { eventually } from '../orchestrator-testbed';

let jobs: JobsTestbed;
let bus: JobsTestbed['bus'];
let db: JobsTestbed['db'];
let getJob: JobsTestbed['getJob'];
let statusLines: JobsTestbed['statusLines'];
let createJob: JobsTestbed['createJob'];
let plan: JobsTestbed['plan'];
let finishTask: JobsTestbed['finishTask'];
let onStream: JobsTestbed['onStream'];

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  jobs = await startJobsTestbed({ postgres, nats });
  ({ bus, db, getJob, statusLines, createJob, plan, finishTask, onStream } = jobs);
});

afterAll(() => jobs?.close());

describe('orchestrator', () => {
  it('folds the plan and task events into counters and completes the job', async () => {
    const id = await createJob();
    await bus.publish(SUBJECTS.jobPlanned, {
      jobId: id,
      folders: [
        { source: 'INBOX', destination: 'INBOX', messages: 3, taskIds: [`${id}/0/0`] },
        {
          source: 'Sent',
          destination: 'Old/Sent Items',
          messages: 2,
          taskIds: [`${id}/1/0`],
          rule: 'Sent => Old/Sent Items',
        },
      ],
    });
    await eventually(async () => expect((await getJob(id)).status).toBe('running'));
    bus.broadcast(SUBJECTS.taskProgress, { jobId: id, taskId: `${id}/0/0`, counts: counts(1) });
    await eventually(async () => expect((await getJob(id)).counters.copied).toBe(1));
    expect((await getJob(id)).folders[0].state).toBe('copying');

    await finishTask(id, `${id}/0/0`, counts(3));
    await finishTask(id, `${id}/1/0`, counts(2));
    const view = await eventually(async () => {
      const v = await getJob(id);
      expect(v.status).toBe('completed');
      return v;
    });
    expect(view.counters).toEqual({
      total: 5,
      copied: 5,
      skipped: 0,
      failed: 0,
      filtered: 0,
      bytes: 500,
    });
    expect(view.folders).toEqual([
      {
        source: 'INBOX',
        destination: 'INBOX',
        total: 3,
        copied: 3,
        skipped: 0,
        failed: 0,
        filtered: 0,
        state: 'done',
        error: null,
        rule: null,
      },
      {
        source: 'Sent',
        destination: 'Old/Sent Items',
        total: 2,
        copied: 2,
        skipped: 0,
        failed: 0,
        filtered: 0,
        state: 'done',
        error: null,
        rule: 'Sent => Old/Sent Items',
      },
    ]);
    expect(view.startedAt).not.toBeNull();
    expect(view.finishedAt).not.toBeNull();
    expect(Date.parse(view.expiresAt!) - Date.parse(view.finishedAt!)).toBe(7 * DAY_MS);
    expect(await onStream('job.finished', id)).toEqual({
      jobId: id,
      status: 'completed',
      credentialOwner: jobLogins(id),
    });
  });

  it('says which quota a task waits for and until when, and keeps the latest resume time', async () => {
    const id = await createJob();
    await plan(id, [`${id}/0/0`, `${id}/0/1`]);
    await eventually(async () => expect((await getJob(id)).status).toBe('running'));
    const later = new Date(Date.now() + 3 * 3600_000).toISOString();
    const sooner = new Date(Date.now() + 3600_000).toISOString();
    const waits = [
      { taskId: `${id}/0/0`, resumesAt: later },
      { taskId: `${id}/0/1`, resumesAt: sooner },
    ];
    for (const { taskId, resumesAt } of waits) {
      const quota = { provider: 'gmail' as const, direction: 'upload' as const, resumesAt };
      bus.broadcast(SUBJECTS.taskThrottled, { jobId: id, taskId, waitMs: 0, quota });
      await eventually(async () =>
        expect(await statusLines(id)).toContainEqual(
          expect.stringMatching(
            `^INBOX: Gmail's daily upload limit reached; resuming at ([A-Z][a-z]{2} \\d+ )?${resumesAt.slice(11, 16)} UTC`,
          ),
        ),
      );
    }
    expect((await getJob(id)).waitingUntil).toBe(later);
  });

  it("records task progress while the job's row is locked, and settles on task.finished", async () => {
    const id = await createJob();
    await plan(id, [`${id}/0/0`]);
    await eventually(async () => expect((await getJob(id)).status).toBe('running'));
    // As a job's transaction holds it (JobUpdater): progress must not wait for it.
    const writer = db.createQueryRunner();
    await writer.startTransaction();
    try {
      await writer.query(`SELECT 1 FROM orchestrator.jobs WHERE id = $1 FOR NO KEY UPDATE`, [id]);
      bus.broadcast(SUBJECTS.taskProgress, { jobId: id, taskId: `${id}/0/0`, counts: counts(2) });
      await eventually(async () => expect((await getJob(id)).counters.copied).toBe(2));
      expect((await getJob(id)).folders[0].state).toBe('copying');
      expect(await statusLines(id)).toContain('Copying INBOX → INBOX');
    } finally {
      await writer.rollbackTransaction();
      await writer.release();
    }
    bus.broadcast(SUBJECTS.taskProgress, { jobId: id, taskId: `${id}/0/0`, counts: counts(3) });
    await eventually(async () => expect((await getJob(id)).counters.copied).toBe(3));
    expect((await getJob(id)).status).toBe('running');
    await finishTask(id, `${id}/0/0`, counts(3));
    await eventually(async () => expect((await getJob(id)).status).toBe('completed'));
    // A progress that arrives after the end changes nothing.
    bus.broadcast(SUBJECTS.taskProgress, { jobId: id, taskId: `${id}/0/0`, counts: counts(1) });
    await new Promise((r) => setTimeout(r, 300));
    expect((await getJob(id)).counters.copied).toBe(3);
    expect(await statusLines(id)).toEqual([
      'Job created',
      'Found 1 folder (3 messages)',
      'Copying INBOX → INBOX',
      'INBOX: 3 copied, 0 skipped, 0 failed',
      'Migration completed: 3 copied, 0 skipped, 0 failed',
    ]);
  });

  it('completes correctly when task.finished arrives before job.planned', async () => {
    const id = await createJob();
    await finishTask(id, `${id}/0/0`, counts(4));
    await eventually(async () => expect((await getJob(id)).counters.copied).toBe(4));
    expect((await getJob(id)).status).toBe('queued');
    await plan(id, [`${id}/0/0`]);
    const view = await eventually(async () => {
      const v = await getJob(id);
      expect(v.status).toBe('completed');
      return v;
    });
    expect(view.folders[0]).toMatchObject({ copied: 4, state: 'done' });
  });

  it('does not count a redelivered task.finished twice', async () => {
    const id = await createJob();
    await plan(id, [`${id}/0/0`, `${id}/0/1`]);
    await finishTask(id, `${id}/0/0`, counts(3));
    await finishTask(id, `${id}/0/0`, counts(3));
    await eventually(async () => expect((await getJob(id)).counters.copied).toBe(3));
    await finishTask(id, `${id}/0/1`, counts(2));
    const view = await eventually(async () => {
      const v = await getJob(id);
      expect(v.status).toBe('completed');
      return v;
    });
    expect(view.counters.copied).toBe(5);
  });

  it('completes with errors and lists the failed messages', async () => {
    const id = await createJob();
    await plan(id, [`${id}/0/0`]);
    const failure = {
      folder: 'INBOX',
      uid: 7,
      size: 90_000_000,
      reason: 'Too large for the destination',
    };
    const event = {
      jobId: id,
      taskId: `${id}/0/0`,
      counts: { ...counts(2), failed: 1 },
      failures: [failure],
    };
    await bus.publish(SUBJECTS.taskFinished, event);
    await bus.publish(SUBJECTS.taskFinished, event);
    const view = await eventually(async () => {
      const v = await getJob(id);
      expect(v.status).toBe('completed_with_errors');
      return v;
    });
    expect(view.failures).toEqual([failure]);
    expect(view.counters.failed).toBe(1);
    expect((await onStream('job.finished', id)).status).toBe('completed_with_errors');
  });

  it('fails a folder the destination refused, says why, and completes with errors', async () => {
    const id = await createJob();
    const refusal = `Folder "~x": The server rejected the request: Begins with '~'`;
    await bus.publish(SUBJECTS.jobPlanned, {
      jobId: id,
      folders: [
        { source: 'INBOX', destination: 'INBOX', messages: 3, taskIds: [`${id}/0/0`] },
        { source: '~x', destination: '~x', messages: 2, taskIds: [], error: refusal },
      ],
    });
    await eventually(async () => expect((await getJob(id)).status).toBe('running'));
    expect((await getJob(id)).counters.total).toBe(3);
    await finishTask(id, `${id}/0/0`, counts(3));
    const view = await eventually(async () => {
      const v = await getJob(id);
      expect(v.status).toBe('completed_with_errors');
      return v;
    });
    expect(view.folders.map(({ state, error }) => ({ state, error }))).toEqual([
      { state: 'done', error: null },
      { state: 'failed', error: refusal },
    ]);
    const lines: { level: string; message: string }[] = await db.query(
      `SELECT level, message FROM orchestrator.job_events WHERE job_id = $1 ORDER BY id`,
      [id],
    );
    expect(lines).toContainEqual({ level: 'error', message: `~x not copied: ${refusal}` });
    expect(lines.at(-1)?.message).toBe(
      'Migration completed with errors: 3 copied, 0 skipped, 0 failed, 1 folder not created',
    );
    expect((await onStream('job.finished', id)).status).toBe('completed_with_errors');
  });

  it('completes a plan without tasks at once (Folders Only)', async () => {
    const id = await createJob();
    await bus.publish(SUBJECTS.jobPlanned, {
      jobId: id,
      folders: [
        { source: 'INBOX', destination: 'INBOX', taskIds: [] },
        { source: 'Archive', destination: 'Archive', taskIds: [] },
      ],
    });
    const view = await eventually(async () => {
      const v = await getJob(id);
      expect(v.status).toBe('completed');
      return v;
    });
    expect(view.counters.total).toBeNull();
    expect(view.folders.map((f) => f.state)).toEqual(['done', 'done']);
    expect((await onStream('job.finished', id)).status).toBe('completed');
  });

  it('says a Folders Only job created the folder structure and copied no message', async () => {
    const id = await createJob({ ...OPTIONS, foldersOnly: true });
    await bus.publish(SUBJECTS.jobPlanned, {
      jobId: id,
      folders: [
        { source: 'INBOX', destination: 'INBOX', taskIds: [] },
        { source: 'Archive', destination: 'Archive', taskIds: [] },
      ],
    });
    await eventually(async () => expect((await getJob(id)).status).toBe('completed'));
    expect((await statusLines(id)).at(-1)).toBe(
      'Folder structure created: 2 folders (Folders Only: no messages copied)',
    );
  });

  it('fails the job when planning failed', async () => {
    const id = await createJob();
    await bus.publish(SUBJECTS.jobPlanningFailed, { jobId: id, reason: 'Login refused' });
    const view = await eventually(async () => {
      const v = await getJob(id);
      expect(v.status).toBe('failed');
      return v;
    });
    expect(view.error).toBe('Login refused');
  });
});
