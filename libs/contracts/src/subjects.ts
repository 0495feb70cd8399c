import { CredentialResolveRequest } from './messages/credential-resolve';
import { CopyTask } from './messages/copy-task';
import { JobCancel, JobFinished, JobUpdated } from './messages/job-lifecycle';
import { JobPlanned, JobPlanningFailed } from './messages/job-planned';
import { JobRequested } from './messages/job-requested';
import { TaskFailed, TaskFinished, TaskProgress } from './messages/task-events';
import { ImapEndpoint, ImapLogin } from './imap-account';

/**
 * The one table of every NATS subject BTSX uses. Each subject names its payload class;
 * the platform's bus validates every inbound payload against it before a handler runs.
 */
export const SUBJECTS = {
  jobRequested: 'job.requested',
  jobPlanned: 'job.planned',
  jobPlanningFailed: 'job.planning_failed',
  jobFinished: 'job.finished',
  copyTask: 'copy.task',
  taskFinished: 'task.finished',
  taskFailed: 'task.failed',
  taskStopped: 'task.stopped',
  taskProgress: 'task.progress',
  jobCancel: 'job.cancel',
  jobUpdated: 'job.updated',
  credentialResolve: 'auth.credential.resolve',
  credentialDescribe: 'auth.credential.describe',
} as const;

/** Durable, acknowledged events (JetStream). */
export interface JetStreamPayloads {
  'job.requested': JobRequested;
  'job.planned': JobPlanned;
  'job.planning_failed': JobPlanningFailed;
  'job.finished': JobFinished;
  'copy.task': CopyTask;
  'task.finished': TaskFinished;
  'task.failed': TaskFailed;
  /** A task stopped because its job was cancelled: what it had copied by then. */
  'task.stopped': TaskProgress;
}

/** Fire-and-forget broadcasts (core NATS): losing one is harmless. */
export interface BroadcastPayloads {
  'task.progress': TaskProgress;
  'job.cancel': JobCancel;
  /** Something about the job changed in the database: live views re-read it. */
  'job.updated': JobUpdated;
}

/** Request/reply (core NATS, one responder of a queue group answers). */
export interface RequestPayloads {
  /** Endpoint and secret, for the workers that log in. */
  'auth.credential.resolve': { request: CredentialResolveRequest; reply: ImapLogin };
  /** Endpoint without the secret, for what a job may show and keep. */
  'auth.credential.describe': { request: CredentialResolveRequest; reply: ImapEndpoint };
}

export type JetStreamSubject = keyof JetStreamPayloads;
export type BroadcastSubject = keyof BroadcastPayloads;
export type RequestSubject = keyof RequestPayloads;
export type InboundSubject = JetStreamSubject | BroadcastSubject | RequestSubject;

type Class<T> = new () => T;

export const PAYLOAD_CLASSES: {
  [S in InboundSubject]: Class<
    S extends JetStreamSubject
      ? JetStreamPayloads[S]
      : S extends BroadcastSubject
        ? BroadcastPayloads[S]
        : S extends RequestSubject
          ? RequestPayloads[S]['request']
          : never
  >;
} = {
  'job.requested': JobRequested,
  'job.planned': JobPlanned,
  'job.planning_failed': JobPlanningFailed,
  'job.finished': JobFinished,
  'copy.task': CopyTask,
  'task.finished': TaskFinished,
  'task.failed': TaskFailed,
  'task.stopped': TaskProgress,
  'task.progress': TaskProgress,
  'job.cancel': JobCancel,
  'job.updated': JobUpdated,
  'auth.credential.resolve': CredentialResolveRequest,
  'auth.credential.describe': CredentialResolveRequest,
};

export interface StreamSpec {
  name: string;
  subjects: JetStreamSubject[];
  /** workqueue: a message is gone once one consumer acked it; limits: kept until maxAge. */
  retention: 'workqueue' | 'limits';
  maxAgeSeconds: number;
}

const WEEK_SECONDS = 7 * 24 * 3600;

export const STREAMS: StreamSpec[] = [
  {
    name: 'BTSX_JOBS',
    subjects: ['job.requested', 'job.planned', 'job.planning_failed', 'job.finished'],
    retention: 'limits',
    maxAgeSeconds: WEEK_SECONDS,
  },
  {
    name: 'BTSX_TASKS',
    subjects: ['copy.task'],
    retention: 'workqueue',
    maxAgeSeconds: WEEK_SECONDS,
  },
  {
    name: 'BTSX_TASK_EVENTS',
    subjects: ['task.finished', 'task.failed', 'task.stopped'],
    retention: 'limits',
    maxAgeSeconds: WEEK_SECONDS,
  },
];

export function streamOf(subject: JetStreamSubject): StreamSpec {
  const stream = STREAMS.find((s) => s.subjects.includes(subject));
  if (!stream) throw new Error(`No stream carries ${subject}`);
  return stream;
}

export function isJetStreamSubject(subject: string): subject is JetStreamSubject {
  return STREAMS.some((s) => (s.subjects as string[]).includes(subject));
}

/** Key-value bucket of cancelled job ids, so a worker that missed the broadcast still knows. */
export const CANCELLED_JOBS_BUCKET = {
  name: 'BTSX_CANCELLED_JOBS',
  maxAgeSeconds: WEEK_SECONDS,
};

/** Key-value bucket of the IMAP connections held per account, across every process. */
export const CONNECTION_LEASES_BUCKET = {
  name: 'BTSX_CONNECTION_LEASES',
  maxAgeSeconds: WEEK_SECONDS,
};
