// Restarting a finished job as a new one (POST /api/jobs/:id/restart) against a real
// Postgres and NATS: fresh logins that must name the original's two accounts, Replace
// Existing on, and the refusals.
import { ApiErrorBody, newClientSession } from '@btsx/contracts';
import { startNats, startPostgres } from '@btsx/testing';
import { randomUUID } from 'node:crypto';
import {
  DESTINATION_AGAIN_ID,
  DESTINATION_ID,
  GOOGLE_SOURCE_AGAIN_ID,
  GOOGLE_SOURCE_ID,
  JobsTestbed,
  OPTIONS,
  OTHER_HOST_ID,
  OTHER_USER_ID,
  SOURCE_AGAIN_ID,
  startJobsTestbed,
} from '../jobs-testbed';
import { CLIENT_JSON_HEADERS } from '../orchestrator-testbed';

let jobs: JobsTestbed;
let baseUrl: JobsTestbed['baseUrl'];
let getJob: JobsTestbed['getJob'];
let statusLines: JobsTestbed['statusLines'];
let createJob: JobsTestbed['createJob'];
let cancel: JobsTestbed['cancel'];
let finishedJob: JobsTestbed['finishedJob'];
let onStream: JobsTestbed['onStream'];
let post: JobsTestbed['post'];

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  jobs = await startJobsTestbed({ postgres, nats });
  ({ baseUrl, getJob, statusLines, createJob, cancel, finishedJob, onStream, post } = jobs);
});

afterAll(() => jobs?.close());

describe('restart', () => {
  const AGAIN = {
    sourceCredentialId: SOURCE_AGAIN_ID,
    destinationCredentialId: DESTINATION_AGAIN_ID,
  };

  it('runs a finished job again as a new job with Replace Existing on', async () => {
    const original = await createJob({ ...OPTIONS, deleteSource: true });
    await cancel(original);
    const response = await restart(original, AGAIN);
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(id).not.toBe(original);

    expect(await onStream('job.requested', id)).toEqual({
      jobId: id,
      options: { ...OPTIONS, deleteSource: true, reconcileExisting: true },
    });
    expect(await getJob(id)).toMatchObject({
      status: 'queued',
      restartedFrom: original,
      options: { ...OPTIONS, deleteSource: true, reconcileExisting: true },
      destination: { port: 993, security: 'tls', tlsInsecure: false },
    });
    expect(await statusLines(id)).toContain(`Restart of job ${original}, with Replace Existing on`);
    expect((await statusLines(original)).at(-1)).toBe(`Restarted as job ${id}`);
  });

  it("records each account's OAuth provider, and the fresh login's on the restart", async () => {
    const response = await post({
      sourceCredentialId: GOOGLE_SOURCE_ID,
      destinationCredentialId: DESTINATION_ID,
      options: OPTIONS,
    });
    expect(response.status).toBe(201);
    const { id: original } = (await response.json()) as { id: string };
    expect(await getJob(original)).toMatchObject({
      source: { host: 'imap.gmail.com', provider: 'google' },
      destination: { provider: null },
    });
    await cancel(original);
    const restarted = await restart(original, {
      sourceCredentialId: GOOGLE_SOURCE_AGAIN_ID,
      destinationCredentialId: DESTINATION_AGAIN_ID,
    });
    expect(restarted.status).toBe(201);
    const { id } = (await restarted.json()) as { id: string };
    expect(await getJob(id)).toMatchObject({
      source: { provider: 'google' },
      destination: { provider: null },
    });
  });

  it('refuses a job that has not finished with 409', async () => {
    const id = await createJob();
    expect((await restart(id, AGAIN)).status).toBe(409);
  });

  it('refuses another source host with 400, naming the original account', async () => {
    const id = await finishedJob(0);
    const response = await restart(id, { ...AGAIN, sourceCredentialId: OTHER_HOST_ID });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiErrorBody).message).toBe(
      "The source account must be the same as the original job's: ann@old.example.test on old.example.test",
    );
  });

  it('refuses another destination user with 400', async () => {
    const id = await finishedJob(0);
    const response = await restart(id, { ...AGAIN, destinationCredentialId: OTHER_USER_ID });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiErrorBody).message).toBe(
      "The destination account must be the same as the original job's: ann@new.example.test on new.example.test",
    );
  });

  it('asks for fresh credentials when the old ones were purged', async () => {
    const id = await finishedJob(0);
    const response = await restart(id, { ...AGAIN, sourceCredentialId: newClientSession() });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiErrorBody).message).toBe(
      'The source account must authenticate again',
    );
  });

  it('answers 404 for an unknown job and 400 for a malformed body', async () => {
    expect((await restart(randomUUID(), AGAIN)).status).toBe(404);
    const id = await finishedJob(0);
    expect((await restart(id, { sourceCredentialId: 'x' })).status).toBe(400);
  });
});

function restart(id: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/api/jobs/${id}/restart`, {
    method: 'POST',
    headers: CLIENT_JSON_HEADERS,
    body: JSON.stringify(body),
  });
}
