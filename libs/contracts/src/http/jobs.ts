import { IsBoolean, IsOptional } from 'class-validator';
import type { AuditFinding } from '../audit';
import type { JobAuditView } from '../audit-view';
import { ImapSecurity } from '../imap-account';
import { JobOptions } from '../job-options';
import { CredentialPair, MigrationRequest } from '../migration-request';
import { JobStatus } from '../job-status';

/** POST /api/jobs */
export class CreateJobRequest extends MigrationRequest {}

export interface CreateJobResponse {
  id: string;
}

/**
 * POST /api/jobs/:id/restart. The original job's credentials were purged when it ended, so
 * both accounts authenticate again; they must be the original job's accounts.
 */
export class RestartJobRequest extends CredentialPair {}

/**
 * POST /api/jobs/:id/verify: runs the completeness audit again. A finished job's credentials
 * were purged, so both accounts authenticate again, as for a restart.
 */
export class VerifyJobRequest extends RestartJobRequest {
  /** Compare a SHA-256 of every message on both sides (Verify (deep)); default off. */
  @IsOptional()
  @IsBoolean()
  deep?: boolean;
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

/** The new job's id: a restart is a new job. */
export type RestartJobResponse = CreateJobResponse;

export interface JobCounters {
  /** Known once discovery counted (Progress Updates), otherwise null. */
  total: number | null;
  copied: number;
  skipped: number;
  failed: number;
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
  state: FolderState;
  /** Why the destination refused to create the folder (it is then failed, nothing copied). */
  error: string | null;
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

export interface JobProgressEvent {
  status: JobStatus;
  counters: JobCounters;
}
