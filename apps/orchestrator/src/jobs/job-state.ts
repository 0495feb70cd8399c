import { FolderState, isTerminal, JobOptions, JobStatus } from '@btsx/contracts';
import { plural } from '@btsx/format';
import { countsInWords, StatusLine } from './status-lines';
import { TaskTally } from './task-tally';

/** What the state rules need to know about a job. */
export interface JobSnapshot {
  status: JobStatus;
  planned: boolean;
  options: Pick<JobOptions, 'foldersOnly'>;
}

export interface Outcome {
  status: JobStatus;
  error: string | null;
  line: StatusLine;
}

/**
 * The job's state rules, free of NATS and SQL: given a job and the tally of its planned
 * tasks, whether it is finished and how; given a folder's tally, the folder's state.
 */
export class JobState {
  constructor(
    private readonly job: JobSnapshot,
    private readonly tally: TaskTally,
    /** Folders in the plan: what a Folders Only job reports having created. */
    private readonly folders = 0,
    /** Folders of the plan the destination refused to create: none of them was copied. */
    private readonly refused = 0,
  ) {}

  /** The terminal outcome, or null while the job is unplanned, terminal or still working. */
  outcome(): Outcome | null {
    if (!this.job.planned || isTerminal(this.job.status)) return null;
    const t = this.tally;
    if (t.done + t.failedTasks < t.tasks) return null;
    const refused = this.refused > 0 ? `, ${plural(this.refused, 'folder')} not created` : '';
    const counts = `${countsInWords(t)}${refused}`;
    if (t.failedTasks === 0 && t.failed === 0 && this.refused === 0) {
      if (this.job.options.foldersOnly) {
        const created = plural(this.folders, 'folder');
        const message = `Folder structure created: ${created} (Folders Only: no messages copied)`;
        return outcome('completed', null, 'info', message);
      }
      return outcome('completed', null, 'info', `Migration completed: ${counts}`);
    }
    if (this.nothingCopied()) {
      const error = 'Every folder failed to copy';
      return outcome('failed', error, 'error', `Migration failed: ${error.toLowerCase()}`);
    }
    return outcome(
      'completed_with_errors',
      null,
      'warning',
      `Migration completed with errors: ${counts}`,
    );
  }

  /** Every task failed, or (no task at all) the destination refused every folder. */
  private nothingCopied(): boolean {
    const t = this.tally;
    if (t.tasks > 0) return t.failedTasks === t.tasks;
    return this.refused > 0 && this.refused === this.folders;
  }

  /**
   * A folder's state from its tasks; a folder with no task (empty, Folders Only) is done,
   * unless the destination refused to create it.
   */
  static folderState(tally: TaskTally, refused = false): FolderState {
    if (refused) return 'failed';
    if (tally.done + tally.failedTasks === tally.tasks)
      return tally.failedTasks > 0 ? 'failed' : 'done';
    if (tally.pending === tally.tasks) return 'pending';
    return 'copying';
  }
}

function outcome(
  status: JobStatus,
  error: string | null,
  level: StatusLine['level'],
  message: string,
): Outcome {
  return { status, error, line: { level, message } };
}
