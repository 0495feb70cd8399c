import {
  ApiErrorBody,
  CopyTask,
  ImapEndpoint,
  JetStreamSubject,
  JobOptions,
  JobView,
  SUBJECTS,
  TaskCounts,
} from '@btsx/contracts';
import { BusClient, durableName, ensureConsumer } from '@btsx/platform';
import { copyTaskFixture, startNats, startPostgres } from '@btsx/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { Consumer, JSONCodec, NatsConnection, Subscription } from 'nats';
import { DataSource } from 'typeorm';
import {
  eventually,
  OrchestratorTestbed,
  startOrchestratorTestbed,
  tlsEndpoint,
} from './orchestrator-testbed';
import { JobRetentionSweeper } from './retention/job-retention.sweeper';

const json = JSONCodec();
const OPTIONS: JobOptions = {
  deleteSource: false,
  foldersOnly: false,
  progressUpdates: true,
  replaceExisting: false,
  // No auditor runs here: audit/audit.int-spec.ts covers the audit.
  verify: false,
};
const SOURCE_ID = randomUUID();
const DESTINATION_ID = randomUUID();
/** The same two accounts authenticated again, as a restart does. */
const SOURCE_AGAIN_ID = randomUUID();
const DESTINATION_AGAIN_ID = randomUUID();
/** Accounts a restart of ann's jobs must refuse: another host, another user. */
const OTHER_HOST_ID = randomUUID();
const OTHER_USER_ID = randomUUID();
/** The stand-in for auth never answers for this one, as if auth were down. */
const SILENT_ID = randomUUID();
/** What the stand-in for auth knows; any other credential id is "not found". */
const CREDENTIALS: Record<string, ImapEndpoint> = {
  [SOURCE_ID]: tlsEndpoint('old.example.test', 'ann@old.example.test'),
  [DESTINATION_ID]: {
    ...tlsEndpoint('new.example.test', 'ann@new.example.test'),
    port: 143,
    security: 'starttls',
    verifyCertificate: false,
  },
  [SOURCE_AGAIN_ID]: tlsEndpoint('OLD.example.test', 'ann@old.example.test'),
  [DESTINATION_AGAIN_ID]: tlsEndpoint('new.example.test', 'ann@new.example.test'),
  [OTHER_HOST_ID]: tlsEndpoint('imap.elsewhere.test', 'ann@old.example.test'),
  [OTHER_USER_ID]: tlsEndpoint('new.example.test', 'bob@new.example.test'),
};
const DAY_MS = 86_400_000;

let orchestrator: OrchestratorTestbed;
let app: NestExpressApplication;
let nc: NatsConnection;
let bus: BusClient;
let baseUrl: string;
let db: DataSource;
let getJob: (id: string) => Promise<JobView>;
let statusLines: (jobId: string) => Promise<string[]>;

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  orchestrator = await startOrchestratorTestbed({
    postgres,
    nats,
    env: { AUTH_REQUEST_TIMEOUT_MS: '2000' },
    auth: { accounts: CREDENTIALS, silent: [SILENT_ID] },
  });
  ({ app, nc, bus, baseUrl, db, getJob, statusLines } = orchestrator);
});

afterAll(() => orchestrator?.close());

describe('orchestrator', () => {
  it('creates a job, publishes job.requested and keeps only hosts and usernames', async () => {
    const id = await createJob();
    const requested = await onStream('job.requested', id);
    expect(requested).toEqual({
      jobId: id,
      sourceCredentialId: SOURCE_ID,
      destinationCredentialId: DESTINATION_ID,
      options: OPTIONS,
    });
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

  it('folds the plan and task events into counters and completes the job', async () => {
    const id = await createJob();
    await bus.publish(SUBJECTS.jobPlanned, {
      jobId: id,
      folders: [
        { source: 'INBOX', destination: 'INBOX', messages: 3, taskIds: [`${id}/0/0`] },
        { source: 'Sent', destination: 'Sent Items', messages: 2, taskIds: [`${id}/1/0`] },
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
    expect(view.counters).toEqual({ total: 5, copied: 5, skipped: 0, failed: 0, bytes: 500 });
    expect(view.folders).toEqual([
      {
        source: 'INBOX',
        destination: 'INBOX',
        total: 3,
        copied: 3,
        skipped: 0,
        failed: 0,
        state: 'done',
        error: null,
      },
      {
        source: 'Sent',
        destination: 'Sent Items',
        total: 2,
        copied: 2,
        skipped: 0,
        failed: 0,
        state: 'done',
        error: null,
      },
    ]);
    expect(view.startedAt).not.toBeNull();
    expect(view.finishedAt).not.toBeNull();
    expect(Date.parse(view.expiresAt!) - Date.parse(view.finishedAt!)).toBe(7 * DAY_MS);
    expect(await onStream('job.finished', id)).toEqual({
      jobId: id,
      status: 'completed',
      credentialIds: [SOURCE_ID, DESTINATION_ID],
    });
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

  it('describes every request body in OpenAPI with the rules the validation enforces', async () => {
    const document = (await (await fetch(`${baseUrl}/api/docs/openapi.json`)).json()) as {
      components: { schemas: Record<string, { properties: object; required?: string[] }> };
    };
    const { schemas } = document.components;
    expect(schemas.CreateJobRequest.required).toEqual(
      expect.arrayContaining(['sourceCredentialId', 'destinationCredentialId', 'options']),
    );
    expect(schemas.CreateJobRequest.properties).toMatchObject({
      sourceCredentialId: { type: 'string', format: 'uuid' },
      options: { $ref: '#/components/schemas/JobOptions' },
    });
    expect(schemas.JobOptions.properties).toMatchObject({ deleteSource: { type: 'boolean' } });
    expect(schemas.BatchLimitsRequest.properties).toHaveProperty('concurrency');
    // Bus payloads of the event handlers are no HTTP body.
    expect(Object.keys(schemas)).not.toContain('TaskProgress');
    const refs = JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g);
    const unresolved = [...refs].map(([, name]) => name).filter((name) => !schemas[name]);
    expect(unresolved).toEqual([]);
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
      destinationCredentialId: randomUUID(),
      options: OPTIONS,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiErrorBody).message).toBe(
      'The destination account must authenticate again',
    );
  });
});

describe('retention', () => {
  it('deletes jobs finished longer ago than the retention, with all their rows', async () => {
    const old = await finishedJob(8);
    const recent = await finishedJob(1);
    const running = await createJob();
    await plan(running, [`${running}/0/0`]);

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
      sourceCredentialId: SOURCE_AGAIN_ID,
      destinationCredentialId: DESTINATION_AGAIN_ID,
      options: { ...OPTIONS, deleteSource: true, replaceExisting: true },
    });
    expect(await getJob(id)).toMatchObject({
      status: 'queued',
      restartedFrom: original,
      options: { ...OPTIONS, deleteSource: true, replaceExisting: true },
      destination: { port: 993, security: 'tls', tlsInsecure: false },
    });
    expect(await statusLines(id)).toContain(`Restart of job ${original}, with Replace Existing on`);
    expect((await statusLines(original)).at(-1)).toBe(`Restarted as job ${id}`);
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
    const response = await restart(id, { ...AGAIN, sourceCredentialId: randomUUID() });
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

function counts(copied: number): TaskCounts {
  return { copied, skipped: 0, failed: 0, bytes: copied * 100 };
}

function post(body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/api/jobs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function createJob(options: JobOptions = OPTIONS): Promise<string> {
  const response = await post({
    sourceCredentialId: SOURCE_ID,
    destinationCredentialId: DESTINATION_ID,
    options,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function cancel(id: string): Promise<void> {
  expect((await fetch(`${baseUrl}/api/jobs/${id}/cancel`, { method: 'POST' })).status).toBe(200);
}

/** A cancelled job whose end the database dates `daysAgo` days back. */
async function finishedJob(daysAgo: number): Promise<string> {
  const id = await createJob();
  await plan(id, [`${id}/0/0`]);
  await cancel(id);
  await db.query(`UPDATE orchestrator.jobs SET finished_at = $2 WHERE id = $1`, [
    id,
    new Date(Date.now() - daysAgo * DAY_MS),
  ]);
  return id;
}

function restart(id: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/api/jobs/${id}/restart`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function plan(jobId: string, taskIds: string[]): Promise<void> {
  return bus.publish(SUBJECTS.jobPlanned, {
    jobId,
    folders: [{ source: 'INBOX', destination: 'INBOX', messages: 3, taskIds }],
  });
}

function finishTask(jobId: string, taskId: string, c: TaskCounts): Promise<void> {
  return bus.publish(SUBJECTS.taskFinished, { jobId, taskId, counts: c, failures: [] });
}

/** Reads the stream from its start with an ordered consumer until the job's event shows. */
async function onStream(subject: JetStreamSubject, jobId: string) {
  const stream = subject.startsWith('job.') ? 'BTSX_JOBS' : 'BTSX_TASK_EVENTS';
  return eventually(async () => {
    const consumer = await nc.jetstream().consumers.get(stream, { filterSubjects: subject });
    for (;;) {
      const msg = await consumer.next({ expires: 1_000 });
      if (!msg) throw new Error(`${subject} for ${jobId} not on ${stream}`);
      const payload = json.decode(msg.data) as { jobId: string; status?: string };
      if (payload.jobId === jobId) return payload;
    }
  });
}

function collect(subject: string): { sub: Subscription; received: unknown[] } {
  const received: unknown[] = [];
  const sub = nc.subscribe(subject, {
    callback: (_e, msg) => received.push(json.decode(msg.data)),
  });
  return { sub, received };
}

interface SseMessage {
  event: string;
  id?: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

/** A small SSE parser over fetch's body, enough for the events this service sends. */
function readSse(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let done = false;
  const closed = new Promise<boolean>((resolve) => {
    const check = setInterval(() => done && (clearInterval(check), resolve(true)), 20);
  });
  async function next(): Promise<SseMessage | null> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(':')) continue;
        const fields = Object.fromEntries(
          block.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
        );
        return {
          event: fields.event,
          id: fields.id ? Number(fields.id) : undefined,
          data: JSON.parse(fields.data),
        };
      }
      const chunk = await reader.read();
      if (chunk.done) {
        done = true;
        return null;
      }
      buffer += chunk.value;
    }
  }
  return {
    closed,
    async until(stop: (e: SseMessage) => boolean, timeoutMs = 10_000): Promise<SseMessage[]> {
      const seen: SseMessage[] = [];
      const timer = setTimeout(() => void reader.cancel(), timeoutMs);
      try {
        for (;;) {
          const message = await next();
          if (!message) throw new Error(`SSE closed after ${JSON.stringify(seen)}`);
          seen.push(message);
          if (stop(message)) break;
        }
        if (seen.at(-1)?.event === 'end') await next();
        return seen;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
