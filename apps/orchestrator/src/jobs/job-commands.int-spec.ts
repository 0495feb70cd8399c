// A user's commands on jobs over HTTP against a real Postgres and NATS, auth standing in:
// creating one (what it keeps, what it refuses and when auth is away), cancelling,
// deleting, and the 404 of an unknown job.
import { ApiErrorBody, JobView, newClientSession, SUBJECTS } from '@btsx/contracts';
import { startNats, startPostgres } from '@btsx/testing';
import { randomUUID } from 'node:crypto';
import { JSONCodec, Subscription } from 'nats';
import {
  counts,
  DESTINATION_ID,
  JobsTestbed,
  OPTIONS,
  SILENT_ID,
  SOURCE_ID,
  startJobsTestbed,
} from '../jobs-testbed';
import { eventually } from '../orchestrator-testbed';

const json = JSONCodec();

let jobs: JobsTestbed;
let nc: JobsTestbed['nc'];
let baseUrl: JobsTestbed['baseUrl'];
let getJob: JobsTestbed['getJob'];
let post: JobsTestbed['post'];
let createJob: JobsTestbed['createJob'];
let plan: JobsTestbed['plan'];
let finishTask: JobsTestbed['finishTask'];
let onStream: JobsTestbed['onStream'];

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  jobs = await startJobsTestbed({ postgres, nats });
  ({ nc, baseUrl, getJob, post, createJob, plan, finishTask, onStream } = jobs);
});

afterAll(() => jobs?.close());

describe('orchestrator', () => {
  it('creates a job, publishes job.requested and keeps only hosts and usernames', async () => {
    const id = await createJob();
    const requested = await onStream('job.requested', id);
    // No credential token travels on: workers resolve the job's logins by the job.
    expect(requested).toEqual({ jobId: id, options: OPTIONS });
    const row = await jobs.db.query('SELECT * FROM orchestrator.jobs WHERE id = $1', [id]);
    expect(JSON.stringify(row)).not.toContain(SOURCE_ID);
    expect(JSON.stringify(row)).not.toContain(DESTINATION_ID);
    const view = await getJob(id);
    expect(view).toMatchObject({
      status: 'queued',
      source: {
        host: 'old.example.test',
        port: 993,
        security: 'tls',
        username: 'ann@old.example.test',
        tlsInsecure: false,
      },
      destination: {
        host: 'new.example.test',
        port: 143,
        security: 'starttls',
        username: 'ann@new.example.test',
        tlsInsecure: true,
      },
      counters: { total: null, copied: 0, skipped: 0, failed: 0, bytes: 0 },
      folders: [],
      restartedFrom: null,
      retentionDays: 7,
      expiresAt: null,
    });
  });

  it('cancels a running job, broadcasts job.cancel and still records late counts', async () => {
    const id = await createJob();
    await plan(id, [`${id}/0/0`]);
    const cancels = collect(SUBJECTS.jobCancel);
    const response = await fetch(`${baseUrl}/api/jobs/${id}/cancel`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as JobView).status).toBe('cancelled');
    await eventually(async () => expect(cancels.received).toContainEqual({ jobId: id }));
    cancels.sub.unsubscribe();
    expect((await onStream('job.finished', id)).status).toBe('cancelled');

    await finishTask(id, `${id}/0/0`, counts(2));
    await eventually(async () => expect((await getJob(id)).counters.copied).toBe(2));
    expect((await getJob(id)).status).toBe('cancelled');
    const again = await fetch(`${baseUrl}/api/jobs/${id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
  });

  it('refuses to delete an unfinished job and deletes a finished one', async () => {
    const id = await createJob();
    expect((await fetch(`${baseUrl}/api/jobs/${id}`, { method: 'DELETE' })).status).toBe(409);
    await fetch(`${baseUrl}/api/jobs/${id}/cancel`, { method: 'POST' });
    expect((await fetch(`${baseUrl}/api/jobs/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${baseUrl}/api/jobs/${id}`)).status).toBe(404);
  });

  it('answers 404 "No such job" for unknown and malformed ids', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const response = await fetch(`${baseUrl}/api/jobs/${id}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as ApiErrorBody).message).toBe('No such job');
    }
  });

  it('refuses a malformed body with one detail per field', async () => {
    const response = await post({ sourceCredentialId: 'x', options: { deleteSource: 'yes' } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ApiErrorBody;
    expect(body.details).toEqual(
      expect.arrayContaining([
        expect.stringContaining('sourceCredentialId'),
        expect.stringContaining('destinationCredentialId'),
        expect.stringContaining('options.deleteSource'),
      ]),
    );
  });

  it('claims no credential for a request without a client session', async () => {
    const response = await fetch(`${jobs.baseUrl}/api/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        sourceCredentialId: SOURCE_ID,
        destinationCredentialId: DESTINATION_ID,
        options: OPTIONS,
      }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiErrorBody).message).toBe(
      'Both accounts must authenticate again',
    );
  });

  it('answers 503 when auth does not answer in time', async () => {
    const response = await post({
      sourceCredentialId: SILENT_ID,
      destinationCredentialId: DESTINATION_ID,
      options: OPTIONS,
    });
    expect(response.status).toBe(503);
  });

  it('asks the account with an unknown credential to authenticate again', async () => {
    const response = await post({
      sourceCredentialId: SOURCE_ID,
      destinationCredentialId: newClientSession(),
      options: OPTIONS,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiErrorBody).message).toBe(
      'The destination account must authenticate again',
    );
  });
});

function collect(subject: string): { sub: Subscription; received: unknown[] } {
  const received: unknown[] = [];
  const sub = nc.subscribe(subject, {
    callback: (_e, msg) => received.push(json.decode(msg.data)),
  });
  return { sub, received };
}
