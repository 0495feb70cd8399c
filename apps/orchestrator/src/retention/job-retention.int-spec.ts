// The retention sweep against a real Postgres: a job finished longer ago than the
// retention goes with all its rows; a recent one and a running one stay.
import { startNats, startPostgres } from '@btsx/testing';
import { JobsTestbed, startJobsTestbed } from '../jobs-testbed';
import { eventually } from '../orchestrator-testbed';
import { JobRetentionSweeper } from './job-retention.sweeper';

let jobs: JobsTestbed;
let app: JobsTestbed['app'];
let baseUrl: JobsTestbed['baseUrl'];
let db: JobsTestbed['db'];
let getJob: JobsTestbed['getJob'];
let createJob: JobsTestbed['createJob'];
let plan: JobsTestbed['plan'];
let finishedJob: JobsTestbed['finishedJob'];

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  jobs = await startJobsTestbed({ postgres, nats });
  ({ app, baseUrl, db, getJob, createJob, plan, finishedJob } = jobs);
});

afterAll(() => jobs?.close());

describe('retention', () => {
  it('deletes jobs finished longer ago than the retention, with all their rows', async () => {
    const old = await finishedJob(8);
    const recent = await finishedJob(1);
    const running = await createJob();
    await plan(running, [`${running}/0/0`]);
    // job.planned is applied behind the bus: without this wait the last check races it.
    await eventually(async () => expect((await getJob(running)).status).toBe('running'));

    expect(await app.get(JobRetentionSweeper).sweep()).toBeGreaterThanOrEqual(1);

    expect((await fetch(`${baseUrl}/api/jobs/${old}`)).status).toBe(404);
    for (const table of ['job_events', 'job_folders', 'job_tasks']) {
      const rows = await db.query(`SELECT 1 FROM orchestrator.${table} WHERE job_id = $1`, [old]);
      expect(rows).toEqual([]);
    }
    expect((await getJob(recent)).status).toBe('cancelled');
    expect((await getJob(running)).status).toBe('running');
  });
});
