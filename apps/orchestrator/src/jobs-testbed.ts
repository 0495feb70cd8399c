// For integration specs of jobs and of what builds on them (live updates, retention,
// abandoned work): the orchestrator testbed with auth standing in for a few known accounts,
// and helpers that play the user (create, cancel), the workers (plan, finish a task) and a
// reader of the streams. Its helpers assert like the tests do (Jest globals), so only specs
// may use it; the app's build leaves *-testbed.ts out.
import {
  ImapEndpoint,
  JetStreamSubject,
  JobOptions,
  newClientSession,
  SUBJECTS,
  TaskCounts,
} from '@btsx/contracts';
import { JSONCodec } from 'nats';
import {
  CLIENT_JSON_HEADERS,
  eventually,
  OrchestratorTestbed,
  startOrchestratorTestbed,
  ThrowawayServer,
  tlsEndpoint,
} from './orchestrator-testbed';

const json = JSONCodec();
export const DAY_MS = 86_400_000;
export const OPTIONS: JobOptions = {
  deleteSource: false,
  foldersOnly: false,
  progressUpdates: true,
  reconcileExisting: false,
  // No auditor runs here: audit/audit-report.int-spec.ts covers the audit.
  verify: false,
};
export const SOURCE_ID = newClientSession();
export const DESTINATION_ID = newClientSession();
/** The same two accounts authenticated again, as a restart does. */
export const SOURCE_AGAIN_ID = newClientSession();
export const DESTINATION_AGAIN_ID = newClientSession();
/** Accounts a restart of ann's jobs must refuse: another host, another user. */
export const OTHER_HOST_ID = newClientSession();
export const OTHER_USER_ID = newClientSession();
/** ann's Gmail, signed in with Google (OAuth), and signed in again as a restart does. */
export const GOOGLE_SOURCE_ID = newClientSession();
export const GOOGLE_SOURCE_AGAIN_ID = newClientSession();
/** The stand-in for auth never answers for this one, as if auth were down. */
export const SILENT_ID = newClientSession();
/** What the stand-in for auth knows; any other credential token is "not found". */
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
  [GOOGLE_SOURCE_ID]: { ...tlsEndpoint('imap.gmail.com', 'ann@gmail.test'), provider: 'google' },
  [GOOGLE_SOURCE_AGAIN_ID]: {
    ...tlsEndpoint('imap.gmail.com', 'ann@gmail.test'),
    provider: 'google',
  },
};

export interface JobsTestbed extends OrchestratorTestbed {
  /** POST /api/jobs with this body, whatever it is. */
  post(body: unknown): Promise<Response>;
  /** A queued job of ann's two accounts; expects 201. */
  createJob(options?: JobOptions): Promise<string>;
  /** Cancels the job; expects 200. */
  cancel(id: string): Promise<void>;
  /** A cancelled job whose end the database dates `daysAgo` days back. */
  finishedJob(daysAgo: number): Promise<string>;
  /** job.planned of one folder, INBOX with 3 messages, copied by these tasks. */
  plan(jobId: string, taskIds: string[]): Promise<void>;
  finishTask(jobId: string, taskId: string, c: TaskCounts): Promise<void>;
  /** Reads the stream from its start with an ordered consumer until the job's event shows. */
  onStream(subject: JetStreamSubject, jobId: string): Promise<{ jobId: string; status?: string }>;
}

export function counts(copied: number): TaskCounts {
  return { copied, skipped: 0, failed: 0, bytes: copied * 100 };
}

export async function startJobsTestbed(servers: {
  postgres: ThrowawayServer;
  nats: ThrowawayServer;
}): Promise<JobsTestbed> {
  const orchestrator = await startOrchestratorTestbed({
    ...servers,
    env: { AUTH_REQUEST_TIMEOUT_MS: '2000' },
    auth: { accounts: CREDENTIALS, silent: [SILENT_ID] },
  });
  const { baseUrl, bus, db, nc } = orchestrator;

  const post = (body: unknown) =>
    fetch(`${baseUrl}/api/jobs`, {
      method: 'POST',
      headers: CLIENT_JSON_HEADERS,
      body: JSON.stringify(body),
    });
  const createJob = async (options: JobOptions = OPTIONS) => {
    const response = await post({
      sourceCredentialId: SOURCE_ID,
      destinationCredentialId: DESTINATION_ID,
      options,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const cancel = async (id: string) => {
    expect((await fetch(`${baseUrl}/api/jobs/${id}/cancel`, { method: 'POST' })).status).toBe(200);
  };
  const plan = (jobId: string, taskIds: string[]) =>
    bus.publish(SUBJECTS.jobPlanned, {
      jobId,
      folders: [{ source: 'INBOX', destination: 'INBOX', messages: 3, taskIds }],
    });
  const finishedJob = async (daysAgo: number) => {
    const id = await createJob();
    await plan(id, [`${id}/0/0`]);
    await cancel(id);
    await db.query(`UPDATE orchestrator.jobs SET finished_at = $2 WHERE id = $1`, [
      id,
      new Date(Date.now() - daysAgo * DAY_MS),
    ]);
    return id;
  };
  const finishTask = (jobId: string, taskId: string, c: TaskCounts) =>
    bus.publish(SUBJECTS.taskFinished, { jobId, taskId, counts: c, failures: [] });
  const onStream = (subject: JetStreamSubject, jobId: string) => {
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
  };
  return { ...orchestrator, post, createJob, cancel, finishedJob, plan, finishTask, onStream };
}
