/**
 * POST /api/plans: what a job of these accounts and options would do, found without writing
 * to either account. Its numbers are the job's: a job started right after copies these
 * folders, these messages and bytes, and fails the messages counted too large.
 */
export interface PlanView {
  /** Every folder the job would copy, in the order the job plans them. */
  folders: PlanFolderView[];
  /** Source folders the job would leave out, and why. */
  leftOut: PlanLeftOutView[];
  totals: PlanTotals;
  /** The largest message the destination takes, in bytes; null where it names none. */
  destinationLimit: number | null;
  estimate: PlanEstimate;
}

/** new: the job creates it; existing: the destination has it, and the job adds to it. */
export type PlanFolderState = 'new' | 'existing';

export interface PlanFolderView {
  source: string;
  destination: string;
  state: PlanFolderState;
  /**
   * Why it goes somewhere else than the source's name says, in words: the user's rule, or the
   * destination's own folder for its role. Null where it keeps its name.
   */
  renamedBecause: string | null;
  /** Messages the job would copy (the filter's leftovers excluded), and their bytes. */
  messages: number;
  bytes: number;
  /** Messages the message filter leaves out. */
  filtered: number;
  /** Of `messages`, those larger than the destination takes: the job fails them unsent. */
  tooLarge: number;
}

export interface PlanLeftOutView {
  source: string;
  reason: string;
}

export interface PlanTotals {
  folders: number;
  /** Folders the job creates at the destination. */
  newFolders: number;
  messages: number;
  bytes: number;
  filtered: number;
  tooLarge: number;
}

/** How long the job would take, from a short measurement of both servers. */
export interface PlanEstimate {
  seconds: number;
  /** The time one command takes to be answered, as measured. */
  sourceRoundTripMs: number;
  destinationRoundTripMs: number;
  /** How fast the source sent a sample of messages; null where there was none to read. */
  sourceBytesPerSecond: number | null;
}
