import { CredentialResolveRequest } from './messages/credential-resolve';
import { CopyTask } from './messages/copy-task';
import { JobCancel, JobFinished } from './messages/job-lifecycle';
import { JobPlanned, JobPlanningFailed } from './messages/job-planned';
import { JobRequested } from './messages/job-requested';
import { TaskFailed, TaskFinished, TaskProgress } from './messages/task-events';
import { ImapLogin } from './imap-account';

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
  taskProgress: 'task.progress',
  jobCancel: 'job.cancel',
  credentialResolve: 'auth.credential.resolve',
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
}

/** Fire-and-forget broadcasts (core NATS): losing one is harmless. */
export interface BroadcastPayloads {
  'task.progress': TaskProgress;
  'job.cancel': JobCancel;
}

/** Request/reply (core NATS, one responder of a queue group answers). */
export interface RequestPayloads {
  'auth.credential.resolve': { request: CredentialResolveRequest; reply: ImapLogin };
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
  'task.progress': TaskProgress,
  'job.cancel': JobCancel,
  'auth.credential.resolve': CredentialResolveRequest,
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
  { name: 'BTSX_TASKS', subjects: ['copy.task'], retention: 'workqueue', maxAgeSeconds: WEEK_SECONDS },
  {
    name: 'BTSX_TASK_EVENTS',
    subjects: ['task.finished', 'task.failed'],
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
