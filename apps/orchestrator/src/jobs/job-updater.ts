import { isTerminal } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobEntity } from './job.entity';
import { JobAnnouncer } from './job-announcer';
import { JobSettler, TouchedFolders } from './job-settler';
import { JobStore } from './job-store';
import { OutcomeGate } from './outcome-gate';
import { StatusLine } from './status-lines';

/** One change of one job, inside its transaction. */
export interface JobChange {
  tx: EntityManager;
  job: JobEntity;
  say(...lines: StatusLine[]): void;
  /** A task of this folder changed ('all': the plan did): its state is settled after. */
  touch(position: number | null | 'all'): void;
}

type Change = (c: JobChange) => Promise<void>;

/**
 * A change that comes within this time of its job's last transaction waits as long for
 * others before its own starts. A job of a thousand small folders, whose tasks end a few ms
 * apart, then settles a handful of them per transaction instead of one; a change after a
 * quiet spell (a job's start, a lone task's end) is applied at once.
 */
const GATHER_MS = 50;

/**
 * A job that has had a transaction at least every ACTIVE_GAP_MS for LONG_ACTIVE_MS gathers
 * its changes for LONG_GATHER_MS instead: a thousand-folder job's tasks end tens of ms apart
 * for minutes, and at GATHER_MS most of its transactions held one change each, its ten
 * statements, and a job.updated to every replica. No one sees the difference: a status page
 * reads its job at most every 250 ms (JobStream), and a short job never gets there.
 */
const LONG_ACTIVE_MS = 1_000;
const ACTIVE_GAP_MS = 1_000;
const LONG_GATHER_MS = 250;

/**
 * A job with no more open tasks than this may end with its next change: every one of them
 * can be copying at once (an account takes 8 connections by default, one per task), and the
 * last task's end starts the audit, whose answer ends the job. Such a job's changes are
 * applied at once: gathering would hold its end up, once for each, by up to LONG_GATHER_MS.
 */
const CLOSING_TASKS = 8;

/** A change waiting for its job's next transaction, and its caller. */
interface Queued {
  change: Change;
  done(job: JobEntity | null): void;
  fail(error: unknown): void;
}

/**
 * Runs every change of a job the same way: lock the job row, apply the change, move the
 * folders it touched to their new state (with their status lines), finish the job when
 * every task is over and the OutcomeGate lets it end (JobSettler), write what changed of
 * the job row, commit, then announce. Idempotent as long as the change is.
 *
 * Changes of one job that arrive while its transaction runs, or within GATHER_MS of a busy
 * job's last one (LONG_GATHER_MS of one busy for long), go together in one transaction
 * (group commit): a job of a thousand folders sends thousands of task events, and each
 * would otherwise lock, settle and announce the job on its own. A group that fails is run
 * again change by change, so one bad change fails alone.
 */
@Injectable()
export class JobUpdater {
  private readonly waiting = new Map<string, Queued[]>();
  /** Jobs whose last transaction ended less than GATHER_MS ago. */
  private readonly busy = new Map<string, NodeJS.Timeout>();
  /** Jobs with a transaction in the last ACTIVE_GAP_MS: since when they have been so. */
  private readonly active = new Map<string, { since: number; quiet: NodeJS.Timeout }>();
  /** Active jobs that may end with their next change (CLOSING_TASKS). */
  private readonly closing = new Set<string>();
  private readonly settler: JobSettler;

  constructor(
    private readonly store: JobStore,
    private readonly announcer: JobAnnouncer,
    private readonly gate: OutcomeGate,
  ) {
    this.settler = new JobSettler(store, gate);
  }

  /** Null when there is no such job (deleted, or not ours): there is nothing to update. */
  update(jobId: string, change: Change): Promise<JobEntity | null> {
    return new Promise((done, fail) => {
      const queue = this.waiting.get(jobId);
      if (queue) return queue.push({ change, done, fail });
      this.waiting.set(jobId, [{ change, done, fail }]);
      const gather = this.gatherMs(jobId);
      if (gather > 0) setTimeout(() => void this.drain(jobId), gather);
      else void this.drain(jobId);
    });
  }

  /** Applies the job's waiting changes, a group at a time, until none is left. */
  private async drain(jobId: string): Promise<void> {
    for (;;) {
      const group = this.waiting.get(jobId) ?? [];
      if (group.length === 0) {
        this.waiting.delete(jobId);
        this.markBusy(jobId);
        return;
      }
      this.waiting.set(jobId, []);
      await this.runGroup(jobId, group);
    }
  }

  /** How long a change that comes now waits for others: 0 for a job that was quiet. */
  private gatherMs(jobId: string): number {
    if (this.closing.has(jobId)) return 0;
    const active = this.active.get(jobId);
    if (active && Date.now() - active.since >= LONG_ACTIVE_MS) return LONG_GATHER_MS;
    return this.busy.has(jobId) ? GATHER_MS : 0;
  }

  private markBusy(jobId: string): void {
    clearTimeout(this.busy.get(jobId));
    const quiet = setTimeout(() => this.busy.delete(jobId), GATHER_MS);
    this.busy.set(jobId, quiet.unref());
    const active = this.active.get(jobId);
    clearTimeout(active?.quiet);
    this.active.set(jobId, {
      since: active?.since ?? Date.now(),
      quiet: setTimeout(() => this.forget(jobId), ACTIVE_GAP_MS).unref(),
    });
  }

  private noteOpenTasks(job: JobEntity, open: number): void {
    if (open <= CLOSING_TASKS && !isTerminal(job.status)) this.closing.add(job.id);
    else this.closing.delete(job.id);
  }

  private forget(jobId: string): void {
    this.active.delete(jobId);
    this.closing.delete(jobId);
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
      const locked = structuredClone(job);
      const lines: StatusLine[] = [];
      const touched = new TouchedFolders();
      for (const change of changes) {
        const say = (...more: StatusLine[]) => lines.push(...more);
        await change({ tx, job, say, touch: (position) => touched.touch(position) });
      }
      if (job.planned) this.noteOpenTasks(job, await this.settler.settle(tx, job, touched, lines));
      await this.store.updateJob(tx, locked, job);
      await this.store.addLines(tx, job.id, lines);
      return job;
    });
    if (!job) return null;
    await this.announcer.changed(job);
    await this.gate.afterCommit(job);
    return job;
  }
}
