import { JobOptions } from '../job-options';
import { MigrationRequest } from '../migration-request';
import { JobStatus } from '../job-status';

/** POST /api/jobs */
export class CreateJobRequest extends MigrationRequest {}

export interface CreateJobResponse {
  id: string;
}

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
}

export interface MessageFailureView {
  folder: string;
  uid: number;
  size: number;
  reason: string;
}

/** GET /api/jobs/:id */
export interface JobView {
  id: string;
  status: JobStatus;
  options: JobOptions;
  source: { host: string; username: string };
  destination: { host: string; username: string };
  counters: JobCounters;
  folders: JobFolderView[];
  failures: MessageFailureView[];
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
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
