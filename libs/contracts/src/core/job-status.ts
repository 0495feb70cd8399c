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

/**
 * Ended jobs whose outcome an audit after the end may change, both ways: they finished
 * copying, so source and destination can be compared again (`btsx verify`, Verify on the
 * status page). A Folders Only job is refused besides: it copied no message.
 */
export const VERIFIABLE_JOB_STATUSES: readonly JobStatus[] = [
  'completed',
  'completed_with_errors',
  'incomplete',
];

export function canVerifyAgain(status: JobStatus): boolean {
  return VERIFIABLE_JOB_STATUSES.includes(status);
}
