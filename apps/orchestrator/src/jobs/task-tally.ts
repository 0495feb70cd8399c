/** Counts over a set of tasks (one folder's, or a whole job's); what the state rules read. */
export interface TaskTally {
  tasks: number;
  pending: number;
  copying: number;
  done: number;
  failedTasks: number;
  copied: number;
  skipped: number;
  /** Messages that could not be copied. */
  failed: number;
  /** Messages the job's message filter left out. */
  filtered: number;
  bytes: number;
}

export const EMPTY_TALLY: TaskTally = {
  tasks: 0,
  pending: 0,
  copying: 0,
  done: 0,
  failedTasks: 0,
  copied: 0,
  skipped: 0,
  failed: 0,
  filtered: 0,
  bytes: 0,
};
