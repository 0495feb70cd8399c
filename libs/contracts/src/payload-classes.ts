import { JobAudited, JobAuditFindings, JobAuditRequested } from './audit';
import type {
  BroadcastPayloads,
  BroadcastSubject,
  InboundSubject,
  JetStreamPayloads,
  JetStreamSubject,
  RequestPayloads,
  RequestSubject,
} from './core/subjects';
import { CopyTask } from './messages/copy-task';
import {
  CredentialClaimRequest,
  CredentialDescribeRequest,
  CredentialResolveRequest,
} from './messages/credential-resolve';
import {
  CredentialCopyRequest,
  CredentialDiscardRequest,
  CredentialHoldRequest,
  CredentialStoreRequest,
} from './messages/credential-store';
import { JobAttention } from './messages/job-attention';
import { JobCancel, JobCopied, JobFinished, JobUpdated } from './messages/job-lifecycle';
import { JobPlanned, JobPlanningFailed } from './messages/job-planned';
import { JobRequested } from './messages/job-requested';
import { PlanPreviewRequest } from './messages/plan-preview';
import { TaskFailed, TaskFinished, TaskProgress } from './messages/task-events';
import { TaskThrottled } from './messages/task-throttled';

type Class<T> = new () => T;

/** The class of every inbound subject's payload: what the platform's bus validates against. */
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
  'job.attention': JobAttention,
  'job.audit.requested': JobAuditRequested,
  'job.audited': JobAudited,
  'job.audit.findings': JobAuditFindings,
  'copy.task': CopyTask,
  'task.finished': TaskFinished,
  'task.failed': TaskFailed,
  'task.stopped': TaskProgress,
  'task.progress': TaskProgress,
  'task.throttled': TaskThrottled,
  'job.cancel': JobCancel,
  'job.copied': JobCopied,
  'job.updated': JobUpdated,
  'auth.credential.resolve': CredentialResolveRequest,
  'auth.credential.describe': CredentialDescribeRequest,
  'auth.credential.lend': CredentialDescribeRequest,
  'auth.credential.claim': CredentialClaimRequest,
  'auth.credential.store': CredentialStoreRequest,
  'auth.credential.hold': CredentialHoldRequest,
  'auth.credential.copy': CredentialCopyRequest,
  'auth.credential.discard': CredentialDiscardRequest,
  'discovery.plan.preview': PlanPreviewRequest,
};
