import type { AuditFinding } from '../../audit';
import type { JobOptions } from '../../job-options';
import type { JobAuditView } from '../audit-view';
import type { ImapSecurity } from '../imap-security';
import type { JobStatus } from '../job-status';
import type { OAuthProviderId } from '../oauth/oauth-provider';
import type { NotifyView } from '../notify/notifications';

export interface CreateJobResponse {
  id: string;
  /** The key the job's webhooks are signed with (notify.webhook): shown in this answer only. */
  webhookSecret?: string;
}

/** One row of an audit report: a finding, and why it is one in words. */
export type AuditReportRow = AuditFinding & {
  /** The server's reason for a refusal; what differs for the other kinds. */
  reason: string;
};

/**
 * GET /api/jobs/:id/audit/report.json (report.csv has the same rows): every message the
 * job's latest audit found missing, refused, changed, extra or with other flags.
 */
export interface AuditReport {
  jobId: string;
  audit: Omit<JobAuditView, 'folders'>;
  findings: AuditReportRow[];
}

/** The two forms of an audit report the server writes: the same rows either way. */
export type AuditReportFormat = 'csv' | 'json';

/** The new job's id: a restart is a new job. */
export type RestartJobResponse = CreateJobResponse;

export interface JobCounters {
  /** Known once discovery counted (Progress Updates), otherwise null. */
  total: number | null;
  copied: number;
  skipped: number;
  failed: number;
  /** Left out by the job's message filter (options.messages): not copied, not missing. */
  filtered: number;
  bytes: number;
}

export type FolderState = 'pending' | 'copying' | 'done' | 'failed';

export interface JobFolderView {
  source: string;
  destination: string;
  total: number | null;
  copied: number;
  skipped: number;
  failed: number;
  filtered: number;
  state: FolderState;
  /** Why the destination refused to create the folder (it is then failed, nothing copied). */
  error: string | null;
  /** The user's folder rule that sent it (or its parent) here, in words; null where none did. */
  rule: string | null;
}

export interface MessageFailureView {
  folder: string;
  uid: number;
  size: number;
  reason: string;
}

/** One account of a job: enough to authenticate it again for a restart; never a secret. */
export interface JobAccountView {
  host: string;
  port: number;
  security: ImapSecurity;
  username: string;
  /** The user opted out of certificate verification for this account. */
  tlsInsecure: boolean;
  /** The provider it signs in with (OAuth); null for an IMAP server and its password. */
  provider: OAuthProviderId | null;
}

/** GET /api/jobs/:id */
export interface JobView {
  id: string;
  status: JobStatus;
  options: JobOptions;
  source: JobAccountView;
  destination: JobAccountView;
  /** The job this one restarted, while that job still exists. */
  restartedFrom: string | null;
  /**
   * A delta pass of `restartedFrom`: only what changed at the source since. Absent from
   * orchestrators older than delta passes.
   */
  delta?: boolean;
  /** The schedule this job is a pass of; null for a job of its own. */
  scheduleId?: string | null;
  counters: JobCounters;
  folders: JobFolderView[];
  failures: MessageFailureView[];
  /** The latest completeness audit; null when none ran (Verify off, or not yet). */
  audit: JobAuditView | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Finished jobs are deleted automatically this many days after they ended. */
  retentionDays: number;
  /** When this job will be deleted: finishedAt + retentionDays; null while it runs. */
  expiresAt: string | null;
  /** Where the job's notifications go; null when nobody asked for any. */
  notify?: NotifyView | null;
  /**
   * While the job waits for an account's daily transfer quota: when it resumes (its status
   * lines say which quota). Null otherwise.
   */
  waitingUntil: string | null;
}

export type JobEventLevel = 'info' | 'warning' | 'error';

/**
 * GET /api/jobs/:id/events (Server-Sent Events). Event `status` carries a JobStatusLine,
 * event `progress` a JobProgressEvent, event `end` the final JobView.
 */
export interface JobStatusLine {
  id: number;
  at: string;
  level: JobEventLevel;
  message: string;
}

/**
 * What changed of a job since the stream's previous `progress` event; the first event of a
 * connection carries every folder, the failures and the audit, so a client that resumes
 * after a dropped connection needs nothing else. Status and counters come every time.
 */
export interface JobProgressEvent {
  status: JobStatus;
  counters: JobCounters;
  /** Folder rows that changed, each at its index in JobView.folders. */
  folders?: JobFolderChange[];
  /** JobView.failures, when it changed. */
  failures?: MessageFailureView[];
  /** JobView.audit, when it changed. */
  audit?: JobAuditView | null;
  /** JobView.waitingUntil, every time (absent from orchestrators before it). */
  waitingUntil?: string | null;
}

/** A folder row as JobView.folders holds it, and its index there. */
export interface JobFolderChange extends JobFolderView {
  position: number;
}
