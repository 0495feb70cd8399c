import type { JobAudited, JobAuditFindings, JobAuditRequested } from '../audit';
import type { ImapEndpoint, ImapLogin } from '../imap-account';
import type { CopyTask } from '../messages/copy-task';
import type {
  CredentialClaimRequest,
  CredentialDescribeRequest,
  CredentialResolveRequest,
} from '../messages/credential-resolve';
import type {
  ClaimedAccounts,
  CredentialCopyRequest,
  CredentialDiscardReply,
  CredentialDiscardRequest,
  CredentialHoldRequest,
  CredentialStoreReply,
  HeldAccounts,
  CredentialStoreRequest,
} from '../messages/credential-store';
import type { JobAttention } from '../messages/job-attention';
import type { JobCancel, JobCopied, JobFinished, JobUpdated } from '../messages/job-lifecycle';
import type { JobPlanned, JobPlanningFailed } from '../messages/job-planned';
import type { JobRequested } from '../messages/job-requested';
import type { PlanPreviewRequest } from '../messages/plan-preview';
import type { PlanView } from './http/plans';
import type { TaskFailed, TaskFinished, TaskProgress } from '../messages/task-events';
import type { TaskThrottled } from '../messages/task-throttled';

/**
 * The one table of every NATS subject BTSX uses. Each subject names its payload class (types
 * only here, so the table loads without class-validator); PAYLOAD_CLASSES holds the classes
 * themselves, against which the platform's bus validates every inbound payload.
 */
export const SUBJECTS = {
  jobRequested: 'job.requested',
  jobPlanned: 'job.planned',
  jobPlanningFailed: 'job.planning_failed',
  jobFinished: 'job.finished',
  jobAttention: 'job.attention',
  jobAuditRequested: 'job.audit.requested',
  jobAudited: 'job.audited',
  jobAuditFindings: 'job.audit.findings',
  copyTask: 'copy.task',
  taskFinished: 'task.finished',
  taskFailed: 'task.failed',
  taskStopped: 'task.stopped',
  taskProgress: 'task.progress',
  taskThrottled: 'task.throttled',
  jobCancel: 'job.cancel',
  jobCopied: 'job.copied',
  jobUpdated: 'job.updated',
  credentialResolve: 'auth.credential.resolve',
  credentialDescribe: 'auth.credential.describe',
  credentialLend: 'auth.credential.lend',
  credentialClaim: 'auth.credential.claim',
  credentialStore: 'auth.credential.store',
  credentialHold: 'auth.credential.hold',
  credentialCopy: 'auth.credential.copy',
  credentialDiscard: 'auth.credential.discard',
  planPreview: 'discovery.plan.preview',
} as const;

/** Durable, acknowledged events (JetStream). */
export interface JetStreamPayloads {
  'job.requested': JobRequested;
  'job.planned': JobPlanned;
  'job.planning_failed': JobPlanningFailed;
  'job.finished': JobFinished;
  /** A running job waits on a quota, a throttling server or a new sign-in: its owner is told. */
  'job.attention': JobAttention;
  /** Every task ended (or `btsx verify`): compare each folder with its destination. */
  'job.audit.requested': JobAuditRequested;
  /** The audit's findings, per folder. */
  'job.audited': JobAudited;
  /** A part of the audit's report: every message missing, refused, changed, extra or with other flags. */
  'job.audit.findings': JobAuditFindings;
  'copy.task': CopyTask;
  'task.finished': TaskFinished;
  'task.failed': TaskFailed;
  /** A task stopped because its job was cancelled: what it had copied by then. */
  'task.stopped': TaskProgress;
}

/** Fire-and-forget broadcasts (core NATS): losing one is harmless. */
export interface BroadcastPayloads {
  'task.progress': TaskProgress;
  /**
   * A task waits: a server throttled it, or (with `quota`) an account reached its daily
   * transfer quota and the task resumes by itself at `quota.resumesAt`. A status line; a
   * notifier may hook onto the quota waits.
   */
  'task.throttled': TaskThrottled;
  'job.cancel': JobCancel;
  /** Every task ended: copiers free the job's idle connections for its audit. */
  'job.copied': JobCopied;
  /** Something about the job changed in the database: live views re-read it. */
  'job.updated': JobUpdated;
}

/** Request/reply (core NATS, one responder of a queue group answers). */
export interface RequestPayloads {
  /** Endpoint and secret, for the workers that log in. */
  'auth.credential.resolve': { request: CredentialResolveRequest; reply: ImapLogin };
  /** Where a client's credential token signs in to, without claiming it (rate limits). */
  'auth.credential.describe': { request: CredentialDescribeRequest; reply: ImapEndpoint };
  /** A client's token's login, secret included, left unclaimed: for a plan's preview. */
  'auth.credential.lend': { request: CredentialDescribeRequest; reply: ImapLogin };
  /** A client's two credential tokens bound to a job (or audit); what the job may show. */
  'auth.credential.claim': { request: CredentialClaimRequest; reply: ClaimedAccounts };
  /** Held logins from a batch's CSV, sealed in the vault; their ids. */
  'auth.credential.store': { request: CredentialStoreRequest; reply: CredentialStoreReply };
  /** A client's two tokens held for a schedule's passes, until it discards them; their ids. */
  'auth.credential.hold': { request: CredentialHoldRequest; reply: HeldAccounts };
  /** Per-job copies of a batch line's held credentials (the job's end purges the copies). */
  'auth.credential.copy': { request: CredentialCopyRequest; reply: ClaimedAccounts };
  /** Deletes held credentials (a batch cancelled or deleted, an import that failed). */
  'auth.credential.discard': { request: CredentialDiscardRequest; reply: CredentialDiscardReply };
  /** What a job would do, found without writing (POST /api/plans). */
  'discovery.plan.preview': { request: PlanPreviewRequest; reply: PlanView };
}

export type JetStreamSubject = keyof JetStreamPayloads;
export type BroadcastSubject = keyof BroadcastPayloads;
export type RequestSubject = keyof RequestPayloads;
export type InboundSubject = JetStreamSubject | BroadcastSubject | RequestSubject;

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
    subjects: [
      'job.requested',
      'job.planned',
      'job.planning_failed',
      'job.finished',
      'job.attention',
    ],
    retention: 'limits',
    maxAgeSeconds: WEEK_SECONDS,
  },
  {
    name: 'BTSX_AUDITS',
    subjects: ['job.audit.requested', 'job.audited'],
    retention: 'limits',
    maxAgeSeconds: WEEK_SECONDS,
  },
  {
    // A work queue: the report's rows leave NATS once the orchestrator stored them.
    name: 'BTSX_AUDIT_FINDINGS',
    subjects: ['job.audit.findings'],
    retention: 'workqueue',
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

/**
 * Key-value bucket of the bytes each account moved in each direction in the quota's rolling
 * window (keys are hashes of host, username and direction), across every copier.
 */
export const TRANSFER_QUOTAS_BUCKET = {
  name: 'BTSX_TRANSFER_QUOTAS',
  maxAgeSeconds: WEEK_SECONDS,
};

/**
 * Key-value buckets of the HTTP rate limits' counts, shared by every replica: one per window
 * length (`BTSX_RATE_LIMITS_900`), whose entries live one window.
 */
export const RATE_LIMITS_BUCKET_PREFIX = 'BTSX_RATE_LIMITS';
