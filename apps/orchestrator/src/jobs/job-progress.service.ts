import {
  isTerminal,
  JobPlanned,
  JobPlanningFailed,
  TaskCounts,
  TaskFailed,
  TaskFinished,
  TaskProgress,
  TaskThrottled,
} from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { JobEntity } from './job.entity';
import { JobTaskEntity } from './job-task.entity';
import { JobFolderEntity } from './job-folder.entity';
import { JobChanges } from './job-changes';
import { JobStore } from './job-store';
import { TaskProgressStore } from './task-progress.store';
import { JobChange, JobUpdater } from './job-updater';
import { quotaWaitLine } from './quota-wait-line';
import {
  folderRefusedLine,
  folderRenamedLine,
  goneSinceLine,
  renamedSinceLine,
  keptLine,
  leftOutLine,
  notOwnedLine,
  plannedLine,
  planningFailedLine,
  sinceLastPassLine,
  taskFailedLine,
  throttledLine,
  unchangedLine,
} from './status-lines';

/**
 * Folds discovery's plan and the copiers' task events into the job. Every method is safe
 * to repeat and to receive in any order: counts are cumulative and stored, never added;
 * a finished or failed task ignores later progress.
 */
@Injectable()
export class JobProgressService {
  constructor(
    private readonly updater: JobUpdater,
    private readonly store: JobStore,
    private readonly progress: TaskProgressStore,
    private readonly changes: JobChanges,
  ) {}

  async planned(plan: JobPlanned): Promise<void> {
    await this.updater.update(plan.jobId, async ({ tx, job, say, touch }) => {
      await this.store.upsertFolders(tx, job.id, plan.folders);
      await this.store.assignTasks(tx, job.id, plan.folders);
      touch('all');
      if (job.planned) return;
      job.planned = true;
      // A refused folder's messages are not to be copied: the progress bar can still fill.
      const toCopy = plan.folders.filter((f) => !f.error);
      const counted = toCopy.every((f) => f.messages !== undefined);
      job.total = counted ? toCopy.reduce((sum, f) => sum + (f.messages ?? 0), 0) : null;
      if (job.status === 'queued') {
        job.status = 'running';
        job.startedAt = new Date();
      }
      say(plannedLine(plan.folders.length, job.total));
      if (plan.notOwned?.length) say(notOwnedLine(plan.notOwned));
      if (plan.leftOut) say(leftOutLine(plan.leftOut));
      const unchanged = plan.folders.filter((f) => f.mark && f.taskIds.length === 0).length;
      if (job.delta) say(unchangedLine(unchanged, plan.folders.length));
      if (plan.goneSinceLastPass) say(goneSinceLine(plan.goneSinceLastPass));
      for (const renamed of plan.renamedSinceLastPass ?? []) say(renamedSinceLine(renamed));
      for (const folder of plan.folders) {
        if (folder.error) say(folderRefusedLine(folder.source, folder.error));
        if (folder.refusedName) say(folderRenamedLine(folder, folder.refusedName));
      }
    });
  }

  async planningFailed(event: JobPlanningFailed): Promise<void> {
    await this.updater.update(event.jobId, async ({ job, say }) => {
      if (isTerminal(job.status)) return;
      job.status = 'failed';
      job.error = event.reason;
      job.finishedAt = new Date();
      say(planningFailedLine(event.reason));
    });
  }

  /**
   * Lossy progress, off the job's lock: the task's counts and its folder's start are written
   * by one statement, nothing is settled (durable events do that), and this replica's live
   * views are told. Every replica hears the broadcast and records it; the second finds the
   * row as it would write it and writes nothing.
   */
  async taskProgress(event: TaskProgress): Promise<void> {
    await this.progress.record(event);
    this.changes.changed(event.jobId);
  }

  /** A cancelled task's last counts: the same as progress, but durable, so it settles. */
  async taskStopped(event: TaskProgress): Promise<void> {
    await this.updater.update(event.jobId, async ({ tx, job, touch }) => {
      const task = await this.store.findOrNewTask(tx, job.id, event.taskId);
      // It may arrive after the end, or after a task.finished redelivered meanwhile.
      if (task.state === 'done' || task.state === 'failed') return;
      task.state = 'copying';
      applyCounts(task, event.counts);
      await this.store.saveTask(tx, task);
      touch(task.folderPosition);
    });
  }

  async taskFinished(event: TaskFinished): Promise<void> {
    await this.updater.update(event.jobId, async (change) => {
      const { tx, job, say, touch } = change;
      const { taskId } = event;
      const { position, before } = await this.store.finishTask(tx, job.id, event);
      touch(position);
      // A redelivered task.finished: its lines are in already.
      if (before !== 'done' && event.kept?.length) say(keptLine(event.kept));
      if (before !== 'done' && event.sinceLastPass) {
        const where = await this.folderName(change, { folderPosition: position, taskId });
        const line = sinceLastPassLine(where, event.sinceLastPass);
        if (line) say(line);
      }
      await this.store.insertFailures(
        tx,
        event.failures.map((f) => ({ jobId: job.id, taskId, ...f })),
      );
    });
  }

  async taskFailed(event: TaskFailed): Promise<void> {
    await this.updater.update(event.jobId, async (change) => {
      const { tx, job, say } = change;
      const task = await this.store.findOrNewTask(tx, job.id, event.taskId);
      // task.finished is the last word on a task: a stale failure does not undo it.
      if (task.state === 'done' || task.state === 'failed') return;
      change.touch(task.folderPosition);
      task.state = 'failed';
      task.reason = event.reason;
      if (event.counts) applyCounts(task, event.counts);
      await this.store.saveTask(tx, task);
      say(taskFailedLine(await this.folderName(change, task), event.reason));
    });
  }

  async taskThrottled(event: TaskThrottled): Promise<void> {
    await this.updater.update(event.jobId, async (change) => {
      const task = await this.store.findOrNewTask(change.tx, change.job.id, event.taskId);
      if (task.state === 'done' || task.state === 'failed') return;
      if (event.quota) waitUntil(change.job, new Date(event.quota.resumesAt));
      const where = await this.folderName(change, task);
      change.say(
        event.quota ? quotaWaitLine(where, event.quota) : throttledLine(where, event.waitMs),
      );
    });
  }

  private async folderName(
    { tx, job }: JobChange,
    task: Pick<JobTaskEntity, 'folderPosition' | 'taskId'>,
  ): Promise<string> {
    if (task.folderPosition === null) return `Task ${task.taskId}`;
    const folder = await tx
      .getRepository(JobFolderEntity)
      .findOneBy({ jobId: job.id, position: task.folderPosition });
    return folder?.source ?? `Task ${task.taskId}`;
  }
}

/** The job resumes when its last waiting task does (they wait on the same two accounts). */
function waitUntil(job: JobEntity, resumesAt: Date): void {
  if (!job.waitingUntil || job.waitingUntil < resumesAt) job.waitingUntil = resumesAt;
}

function applyCounts(task: JobTaskEntity, counts: TaskCounts): void {
  task.copied = counts.copied;
  task.skipped = counts.skipped;
  task.failed = counts.failed;
  task.filtered = counts.filtered ?? 0;
  task.bytes = counts.bytes;
}
