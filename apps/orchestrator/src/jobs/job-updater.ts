import { FolderState } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobEntity } from './job.entity';
import { JobFolderEntity } from './job-folder.entity';
import { JobAnnouncer } from './job-announcer';
import { JobState } from './job-state';
import { JobStore } from './job-store';
import { OutcomeGate } from './outcome-gate';
import { folderLines, StatusLine } from './status-lines';
import { addTallies, EMPTY_TALLY } from './task-tally';

/** One change of one job, inside its transaction. */
export interface JobChange {
  tx: EntityManager;
  job: JobEntity;
  say(...lines: StatusLine[]): void;
}

type Change = (c: JobChange) => Promise<void>;

/** A change waiting for its job's next transaction, and its caller. */
interface Queued {
  change: Change;
  done(job: JobEntity | null): void;
  fail(error: unknown): void;
}

/**
 * Runs every change of a job the same way: lock the job row, apply the change, move
 * folders to their new state (with their status lines), finish the job when every task
 * is over and the OutcomeGate lets it end, commit, then announce. Idempotent as long as the
 * change is.
 *
 * Changes of one job that arrive while its transaction runs wait and then go together in
 * the next one (group commit): a job of a thousand folders sends thousands of task events,
 * and each would otherwise lock, settle and announce the job on its own. A group that fails
 * is run again change by change, so one bad change fails alone.
 */
@Injectable()
export class JobUpdater {
  private readonly waiting = new Map<string, Queued[]>();

  constructor(
    private readonly store: JobStore,
    private readonly announcer: JobAnnouncer,
    private readonly gate: OutcomeGate,
  ) {}

  /** Null when there is no such job (deleted, or not ours): there is nothing to update. */
  update(jobId: string, change: Change): Promise<JobEntity | null> {
    return new Promise((done, fail) => {
      const queue = this.waiting.get(jobId);
      if (queue) return queue.push({ change, done, fail });
      this.waiting.set(jobId, [{ change, done, fail }]);
      void this.drain(jobId);
    });
  }

  /** Applies the job's waiting changes, a group at a time, until none is left. */
  private async drain(jobId: string): Promise<void> {
    for (;;) {
      const group = this.waiting.get(jobId) ?? [];
      if (group.length === 0) {
        this.waiting.delete(jobId);
        return;
      }
      this.waiting.set(jobId, []);
      await this.runGroup(jobId, group);
    }
  }

  private async runGroup(jobId: string, group: Queued[]): Promise<void> {
    try {
      const job = await this.apply(
        jobId,
        group.map((q) => q.change),
      );
      for (const queued of group) queued.done(job);
    } catch (error) {
      if (group.length === 1) return group[0].fail(error);
      for (const queued of group) await this.runGroup(jobId, [queued]);
    }
  }

  private async apply(jobId: string, changes: Change[]): Promise<JobEntity | null> {
    const job = await this.store.transaction(async (tx) => {
      const job = await this.store.lockJob(tx, jobId);
      if (!job) return null;
      const lines: StatusLine[] = [];
      for (const change of changes) {
        await change({ tx, job, say: (...more) => lines.push(...more) });
      }
      if (job.planned) await this.settle(tx, job, lines);
      await this.store.saveJob(tx, job);
      await this.store.addLines(tx, job.id, lines);
      return job;
    });
    if (!job) return null;
    await this.announcer.changed(job);
    await this.gate.afterCommit(job);
    return job;
  }

  /**
   * Moves the folder to `next`; the state it left, or null when it was there already. Task
   * progress may have moved it from pending to copying since we read it, with its line.
   */
  private async moveFolder(
    tx: EntityManager,
    folder: JobFolderEntity,
    next: FolderState,
  ): Promise<FolderState | null> {
    if (folder.state === next) return null;
    if (await this.store.moveFolder(tx, folder, folder.state, next)) return folder.state;
    if (folder.state !== 'pending' || next === 'copying') return null;
    return (await this.store.moveFolder(tx, folder, 'copying', next)) ? 'copying' : null;
  }

  private async settle(tx: EntityManager, job: JobEntity, lines: StatusLine[]): Promise<void> {
    const tallies = await this.store.tallyByFolder(tx, job.id);
    const folders = await this.store.folders(tx, job.id);
    for (const folder of folders) {
      const tally = tallies.get(folder.position) ?? EMPTY_TALLY;
      const next = JobState.folderState(tally, folder.error !== null);
      const before = await this.moveFolder(tx, folder, next);
      if (before === null) continue;
      lines.push(...folderLines(folder, before, next, tally));
      folder.state = next;
    }
    const planned = [...tallies].filter(([position]) => position !== null).map(([, t]) => t);
    const refused = folders.filter((f) => f.error !== null).length;
    const copied = new JobState(job, addTallies(planned), folders.length, refused).outcome();
    if (!copied) return;
    const say = (line: StatusLine) => lines.push(line);
    const outcome = await this.gate.settle(tx, job, copied, folders.length, say);
    if (!outcome) return;
    job.status = outcome.status;
    job.error = outcome.error ?? job.error;
    // An audit asked for after the end (btsx verify) keeps the time the job ended.
    job.finishedAt ??= new Date();
    lines.push(outcome.line);
  }
}
