import type { JobStatus } from '../job-status';

/** Why a job needs its owner's attention while it is still running. */
export const ATTENTION_REASONS = ['quota-wait', 'throttled', 'reauthenticate'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/** What a notification is about: the job or batch ended, or it waits on something. */
export const NOTIFICATION_EVENTS = [
  'job.finished',
  'job.attention',
  'batch.finished',
  'batch.attention',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** The headers of a webhook request (docs/security.md shows a receiver checking them). */
export const WEBHOOK_HEADERS = {
  /** `sha256=` and the hex HMAC-SHA256, keyed by the webhook secret, of `<timestamp>.<body>`. */
  signature: 'x-btsx-signature',
  /** Unix seconds when the request was signed: a receiver refuses old ones (replays). */
  timestamp: 'x-btsx-timestamp',
  /** The same for every attempt at one notification: a receiver drops a repeat by it. */
  delivery: 'x-btsx-delivery',
  event: 'x-btsx-event',
} as const;

export interface NotificationCounts {
  /** Known once discovery counted (Progress Updates), otherwise null. */
  total?: number | null;
  copied: number;
  skipped: number;
  failed: number;
  filtered: number;
  /** A batch's items per state; absent for a job. */
  items?: Record<string, number>;
}

/**
 * The JSON body of a webhook, and what an e-mail says in words. Names a job or a batch and
 * its counts; never an account, a password or a credential.
 */
export interface NotificationBody {
  event: NotificationEvent;
  jobId?: string;
  batchId?: string;
  /** A batch's name, as its admin gave it. */
  name?: string;
  /** A job's status, or a batch's state (completed, cancelled, running...). */
  status: JobStatus | string;
  counts: NotificationCounts;
  /** job.attention and batch.attention: what the job waits on. */
  reason?: AttentionReason;
  /** One line for a person: the job's error, or what it waits on. */
  message?: string;
  /** Where the job's status page (or the batch's dashboard page) is. */
  url: string;
  /** When the event happened (ISO 8601). */
  at: string;
}

/** Where a job's or batch's notifications go, as its views show it (the address masked). */
export interface NotifyView {
  email: string | null;
  /** The webhook's scheme and host; its path may carry a token of the receiver's. */
  webhook: string | null;
}

/** `al***@example.com`: enough for the owner to recognise, not a full address for others. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length - 1))}***${address.slice(at)}`;
}
