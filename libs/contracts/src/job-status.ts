export const JOB_STATUSES = [
  'queued',
  'running',
  /** Every task ended; the completeness audit compares source and destination. */
  'verifying',
  'completed',
  'completed_with_errors',
  /** The audit found source messages missing at the destination. */
  'incomplete',
  'failed',
  'cancelled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = [
  'completed',
  'completed_with_errors',
  'incomplete',
  'failed',
  'cancelled',
];

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_JOB_STATUSES.includes(status);
}
