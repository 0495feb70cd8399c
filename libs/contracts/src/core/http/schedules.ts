import type { JobOptions } from '../../job-options';
import type { JobStatus } from '../job-status';
import type { ScheduleState } from '../schedule/schedule-state';
import type { JobAccountView, JobCounters } from './jobs';

/** POST /api/schedules: the schedule's id; its page is /schedules/ID. */
export interface CreateScheduleResponse {
  id: string;
}

/** What a delta pass found changed at the source, over all its folders. */
export interface PassChanges {
  /** Messages whose flags the destination was given anew. */
  flagsChanged: number;
  /** Messages gone from the source (deleted or moved away) since the pass before. */
  removed: number;
  /** Folders whose UIDVALIDITY changed: checked message by message instead. */
  renumberedFolders: number;
}

/** One pass of a schedule: a job of its own (the first full, the others delta passes). */
export interface SchedulePassView {
  /** 1 for the first pass. */
  number: number;
  jobId: string;
  delta: boolean;
  /** The pass someone asked for with "final pass": the schedule ends after it. */
  final: boolean;
  status: JobStatus;
  counters: JobCounters;
  startedAt: string;
  finishedAt: string | null;
  /** A delta pass's findings; null for a full pass. */
  changes: PassChanges | null;
}

/** GET /api/schedules/:id */
export interface ScheduleView {
  id: string;
  state: ScheduleState;
  options: JobOptions;
  source: JobAccountView;
  destination: JobAccountView;
  /** The user's IANA zone: pages show every time of the schedule in it. */
  timeZone: string;
  startAt: string;
  /** Hours between the starts of two passes (fractions only under a test's minimum). */
  everyHours: number;
  /** No pass starts after it, and the held passwords are discarded then at the latest. */
  endsAt: string;
  /** When the next pass is due; null once the schedule ended or its final pass started. */
  nextPassAt: string | null;
  /** The two accounts' passwords are still held (encrypted) for the next passes. */
  credentialsHeld: boolean;
  /** Why the schedule stopped early (a pass that could not start), if it did. */
  error: string | null;
  createdAt: string;
  endedAt: string | null;
  passes: SchedulePassView[];
}
