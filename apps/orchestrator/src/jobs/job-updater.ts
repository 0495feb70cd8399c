import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditGate } from '../audit/audit-gate';
import { AuditPublisher } from '../audit/audit-publisher';
import { JobEntity } from '../database/job.entity';
import { JobAnnouncer } from './job-announcer';
import { JobState, StatusLine } from './job-state';
import { JobStore } from './job-store';
import { folderLines } from './status-lines';
import { addTallies, EMPTY_TALLY } from './task-tally';

/** One change of one job, inside its transaction. */
export interface JobChange {
  tx: EntityManager;
  job: JobEntity;
  say(...lines: StatusLine[]): void;
}

/**
 * Runs every change of a job the same way: lock the job row, apply the change, move
 * folders to their new state (with their status lines), finish the job when every task
 * is over, commit, then announce. Idempotent as long as the change is.
 */
@Injectable()
export class JobUpdater {
  constructor(
    private readonly store: JobStore,
    private readonly announcer: JobAnnouncer,
    private readonly audit: AuditGate,
    private readonly auditRequests: AuditPublisher,
  ) {}

  /** Null when there is no such job (deleted, or not ours): there is nothing to update. */
  async update(jobId: string, change: (c: JobChange) => Promise<void>): Promise<JobEntity | null> {
    const job = await this.store.transaction(async (tx) => {
      const job = await this.store.lockJob(tx, jobId);
      if (!job) return null;
      const lines: StatusLine[] = [];
      await change({ tx, job, say: (...more) => lines.push(...more) });
      if (job.planned) await this.settle(tx, job, lines);
      await this.store.saveJob(tx, job);
      await this.store.addLines(tx, job.id, lines);
      return job;
    });
    if (job) await this.announcer.changed(job);
    if (job?.status === 'verifying') await this.auditRequests.publishPending(job.id);
    return job;
  }

  private async settle(tx: EntityManager, job: JobEntity, lines: StatusLine[]): Promise<void> {
    const tallies = await this.store.tallyByFolder(tx, job.id);
    const folders = await this.store.folders(tx, job.id);
    for (const folder of folders) {
      const tally = tallies.get(folder.position) ?? EMPTY_TALLY;
      const next = JobState.folderState(tally, folder.error !== null);
      if (next === folder.state) continue;
      lines.push(...folderLines(folder, folder.state, next, tally));
      folder.state = next;
      await this.store.saveFolderState(tx, folder);
    }
    const planned = [...tallies].filter(([position]) => position !== null).map(([, t]) => t);
    const refused = folders.filter((f) => f.error !== null).length;
    const copied = new JobState(job, addTallies(planned), folders.length, refused).outcome();
    if (!copied) return;
    const say = (line: StatusLine) => lines.push(line);
    const outcome = await this.audit.settle(tx, job, copied, folders.length, say);
    if (!outcome) return;
    job.status = outcome.status;
    job.error = outcome.error ?? job.error;
    // An audit asked for after the end (btsx verify) keeps the time the job ended.
    job.finishedAt ??= new Date();
    lines.push(outcome.line);
  }
}
