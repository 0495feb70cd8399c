import { JOB_STATUSES, JobStatus } from '../job-status';
import type { ScheduleState } from '../schedule/schedule-state';
import type { PassChanges } from './schedules';

/** Jobs of one batch at once: enough for a big migration, few enough to stay polite. */
export const MAX_BATCH_CONCURRENCY = 200;
export const DEFAULT_BATCH_CONCURRENCY = 10;
/** Jobs of one batch touching one mail host at once (each holds a few IMAP sessions). */
export const DEFAULT_BATCH_PER_HOST_LIMIT = 4;

export interface ImportBatchResponse {
  id: string;
  rows: number;
  /** The key the batch's webhooks are signed with: shown in this answer only. */
  webhookSecret?: string;
}

/** paused: no new job starts; running jobs go on. */
export type BatchState = 'running' | 'paused' | 'completed' | 'cancelled';

/** An item waits (pending), is being handed to the job path (starting), or has a job. */
export type BatchItemState = 'pending' | 'starting' | 'cancelled' | JobStatus;

export const BATCH_ITEM_STATES: readonly BatchItemState[] = [
  'pending',
  'starting',
  ...JOB_STATUSES,
];

export interface BatchTotals {
  items: number;
  /** Items per state; states with no item are absent. */
  states: Partial<Record<BatchItemState, number>>;
  copied: number;
  skipped: number;
  failed: number;
  /** Left out by the batch's message filter: not copied, not missing. */
  filtered: number;
  bytes: number;
}

/**
 * Days a batch keeps its stored passwords after its last pass ended (BATCH_CREDENTIAL_DAYS on
 * the orchestrator); the Terms page states this default.
 */
export const DEFAULT_BATCH_CREDENTIAL_DAYS = 7;

/** One pass of a batch's schedule: every line's job at once (the first full, then deltas). */
export interface BatchPassView {
  /** 1 for the schedule's first pass. */
  number: number;
  /** A delta pass of every line's last job; false for a first run of the batch. */
  delta: boolean;
  /** The pass someone asked for with "final pass": the schedule ends after it. */
  final: boolean;
  startedAt: string;
  /** When its last line's job ended; null while one runs. */
  endedAt: string | null;
  /** Lines the pass ran. */
  lines: number;
  /** Summed over the pass's jobs once it ended; null before. */
  copied: number | null;
  failed: number | null;
  /** What the delta pass found changed at the source; null for a full pass or before its end. */
  changes: PassChanges | null;
}

/** A batch's schedule of delta passes, as GET /api/admin/batches/:id shows it. */
export interface BatchScheduleView {
  state: ScheduleState;
  /** The IANA zone the admin gave: pages show the times in it. */
  timeZone: string;
  startAt: string;
  everyHours: number;
  endsAt: string;
  /** Null once the schedule ended or its final pass was asked for. */
  nextPassAt: string | null;
  mirrorDeletions: boolean;
  /** Why the schedule stopped early, if it did. */
  error: string | null;
  endedAt: string | null;
  passes: BatchPassView[];
}

/** Where the batch's stored passwords stand. */
export interface BatchCredentialsView {
  /** The passwords are still in the vault (encrypted): retry and delta can run. */
  held: boolean;
  /** When the expiry sweep deletes them, once known (the last pass ended, no schedule live). */
  expiresAt: string | null;
  /** When they were deleted, and why; null while held. */
  discardedAt: string | null;
  discardedWhy: string | null;
}

export interface BatchView {
  id: string;
  name: string;
  /** The tenant the batch, its jobs and its reports belong to. */
  tenantId: string;
  state: BatchState;
  concurrency: number;
  perHostLimit: number;
  createdBy: string;
  createdAt: string;
  totals: BatchTotals;
  /** Bytes per second over the last sampling window; 0 when idle. */
  bytesPerSecond: number;
  /** Its schedule of delta passes; null for a batch without one. */
  schedule: BatchScheduleView | null;
  credentials: BatchCredentialsView;
}

export interface BatchItemView {
  /** Line of the row in the imported CSV (the header is line 1). */
  line: number;
  sourceHost: string;
  sourceUsername: string;
  destinationHost: string;
  destinationUsername: string;
  state: BatchItemState;
  /** The latest run's job (its status page is /jobs/:jobId); null before the first run. */
  jobId: string | null;
  runs: number;
  copied: number;
  skipped: number;
  failed: number;
  /** Left out by the batch's message filter: not copied, not missing. */
  filtered: number;
  bytes: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export interface FailureGroupView {
  reason: string;
  jobs: number;
}

/** One point of the batch's throughput chart. */
export interface ThroughputSample {
  at: string;
  bytes: number;
  copied: number;
}

export interface FailedMessageView {
  line: number;
  jobId: string;
  sourceUsername: string;
  folder: string;
  uid: number;
  size: number;
  reason: string;
}

/** POST /api/admin/batches/:id/<action>: what an admin can do to a whole batch. */
export type BatchAction = 'pause' | 'resume' | 'cancel' | 'retry' | 'delta' | 'final';

export interface BatchActionResponse {
  /** Items the action affected (jobs cancelled, items queued again). */
  affected: number;
}
