import { isTerminal } from '@btsx/contracts';
import { EntityManager } from 'typeorm';
import { JobState } from './job-state';
import { JobStore } from './job-store';
import { JobEntity } from './job.entity';
import { OutcomeGate } from './outcome-gate';
import { readForSettle, SettlingFolder } from './settle-reads';
import { folderLines, StatusLine } from './status-lines';
import { EMPTY_TALLY } from './task-tally';

/**
 * The folders a job's changes may have moved: those whose tasks a durable event changed, or
 * all of them (a plan). A folder's state follows from its own tasks alone, so no other one
 * needs a look; task progress moves its folder from pending to copying itself.
 */
export class TouchedFolders {
  private all = false;
  private readonly positions = new Set<number>();

  /** null: a task no plan has placed yet, whose folder the plan will settle. */
  touch(position: number | null | 'all'): void {
    if (position === 'all') this.all = true;
    else if (position !== null) this.positions.add(position);
  }

  /** undefined for every folder. */
  get which(): number[] | undefined {
    return this.all ? undefined : [...this.positions];
  }
}

/**
 * Settles a job inside its locked transaction (JobUpdater): moves the touched folders to
 * their new state with their status lines, then, from counts PostgreSQL sums for the whole
 * plan, finishes the job when every task is over and the OutcomeGate lets it end. Reads only
 * the touched folders' rows, in one query with the sums: a job of a thousand folders is not
 * read whole per event.
 */
export class JobSettler {
  constructor(
    private readonly store: JobStore,
    private readonly gate: OutcomeGate,
  ) {}

  /** Returns how many of the job's tasks are not over yet. */
  async settle(
    tx: EntityManager,
    job: JobEntity,
    touched: TouchedFolders,
    lines: StatusLine[],
  ): Promise<number> {
    const positions = touched.which;
    if (positions?.length === 0 && isTerminal(job.status)) return 0;
    const reads = await readForSettle(tx, job.id, positions);
    await this.settleFolders(tx, job.id, reads.folders, lines);
    const open = reads.plan.tasks - reads.plan.done - reads.plan.failedTasks;
    const copied = new JobState(job, reads.plan, reads.planned, reads.refused).outcome();
    if (!copied) return open;
    const say = (line: StatusLine) => lines.push(line);
    const outcome = await this.gate.settle(tx, job, copied, reads.planned, say);
    if (!outcome) return open;
    job.status = outcome.status;
    job.error = outcome.error ?? job.error;
    // An audit asked for after the end (btsx verify) keeps the time the job ended.
    job.finishedAt ??= new Date();
    lines.push(outcome.line);
    return open;
  }

  /** One statement moves every touched folder whose tasks call for another state. */
  private async settleFolders(
    tx: EntityManager,
    jobId: string,
    folders: SettlingFolder[],
    lines: StatusLine[],
  ): Promise<void> {
    const moving = folders
      .map((folder) => {
        const tally = folder.tally ?? EMPTY_TALLY;
        return { folder, tally, next: JobState.folderState(tally, folder.error !== null) };
      })
      .filter(({ folder, next }) => folder.state !== next);
    const left = await this.store.moveFolders(
      tx,
      jobId,
      moving.map(({ folder, next }) => ({
        position: folder.position,
        from: folder.state,
        to: next,
      })),
    );
    for (const { folder, tally, next } of moving) {
      const before = left.get(folder.position);
      if (before === undefined) continue;
      lines.push(...folderLines(folder, before, next, tally));
      folder.state = next;
    }
  }
}
