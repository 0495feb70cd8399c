// Replace Existing became reconcileExisting in the code, against a real Postgres and NATS:
// a job stored under the old name before the upgrade keeps the user's choice, and a client
// that still sends the old name starts a job with it.
import { JobOptions, SUBJECTS } from '@btsx/contracts';
import { startNats, startPostgres } from '@btsx/testing';
import { DESTINATION_ID, JobsTestbed, OPTIONS, SOURCE_ID, startJobsTestbed } from '../jobs-testbed';
import { RenameReplaceExistingInJobOptions1767500000000 } from './migrations/1767500000000-rename-replace-existing-in-job-options';

let jobs: JobsTestbed;

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  jobs = await startJobsTestbed({ postgres, nats });
});

afterAll(() => jobs?.close());

/** The options as a client or a row from before the rename has them. */
function beforeTheRename(options: JobOptions): object {
  const { reconcileExisting, ...rest } = options;
  return { ...rest, replaceExisting: reconcileExisting };
}

describe('Replace Existing under its former name', () => {
  it('a stored job keeps the choice once the migration renamed it', async () => {
    const id = await jobs.createJob({ ...OPTIONS, reconcileExisting: true });
    await jobs.db.query(`UPDATE orchestrator.jobs SET options = $2 WHERE id = $1`, [
      id,
      beforeTheRename({ ...OPTIONS, reconcileExisting: true }),
    ]);
    const runner = jobs.db.createQueryRunner();
    try {
      await new RenameReplaceExistingInJobOptions1767500000000().up(runner);
    } finally {
      await runner.release();
    }
    expect((await jobs.getJob(id)).options).toEqual({ ...OPTIONS, reconcileExisting: true });
  });

  it('a request that sends replaceExisting starts a job with reconcileExisting', async () => {
    const response = await jobs.post({
      sourceCredentialId: SOURCE_ID,
      destinationCredentialId: DESTINATION_ID,
      options: beforeTheRename({ ...OPTIONS, reconcileExisting: true }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect((await jobs.getJob(id)).options).toEqual({ ...OPTIONS, reconcileExisting: true });
    const requested = (await jobs.onStream(SUBJECTS.jobRequested, id)) as { options?: object };
    expect(requested.options).toEqual({ ...OPTIONS, reconcileExisting: true });
  });
});
