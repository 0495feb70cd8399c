import { isTerminal, jobLogins, JobOptions, SUBJECTS } from '@btsx/contracts';
import { BusClient, ConflictError, JobCancellations, NotFoundError } from '@btsx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import { JobEntity } from './job.entity';
import { LoginClaim } from './account-claims';
import { JobAnnouncer } from './job-announcer';
import { JobStore } from './job-store';
import { JobUpdater } from './job-updater';
import { newJobRow, WithNewJob } from './new-job';
import { NotifyTarget } from '../notifications/notify-target';
import { NotifyTargetsStore } from '../notifications/notify-targets.store';
import { JOB_CANCELLED_LINE, jobCreatedLines } from './status-lines';

export const NO_SUCH_JOB = 'No such job';

/** Stored with a new job: where its notifications go, and what its caller adds. */
export interface NewJobExtras {
  notify?: NotifyTarget;
  within?: WithNewJob;
  /** The tenant of the batch starting the job; none for a job from the start page. */
  tenantId?: string;
}

/** What a user can do to a job: start it, cancel it, delete it. */
@Injectable()
export class JobCommandsService {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly store: JobStore,
    private readonly updater: JobUpdater,
    private readonly announcer: JobAnnouncer,
    private readonly bus: BusClient,
    private readonly cancellations: JobCancellations,
    private readonly notifyTargets: NotifyTargetsStore,
  ) {}

  /**
   * A new job of these options, its logins claimed as its own first (a client's tokens, or
   * a batch line's held logins). Claimed logins of a job that then fails to be stored expire
   * unused at auth. `notify`, checked by NotifyPolicy, is stored with the job, and so is
   * what `within` adds.
   */
  async create(
    options: JobOptions,
    claim: LoginClaim,
    { notify, within, tenantId }: NewJobExtras = {},
  ): Promise<string> {
    const id = randomUUID();
    const accounts = await claim(jobLogins(id));
    const job = await this.store.transaction(async (tx) => {
      const job = tx
        .getRepository(JobEntity)
        .create(newJobRow(id, options, accounts, null, tenantId));
      await this.store.saveJob(tx, job);
      await this.store.addLines(tx, id, jobCreatedLines(options));
      if (notify) await this.notifyTargets.save(tx, { jobId: id }, notify);
      await within?.(tx, id);
      return job;
    });
    await this.announcer.requested(job);
    this.logger.log(`Job ${id} queued`);
    return id;
  }

  async cancel(jobId: string): Promise<void> {
    let wasTerminal = false;
    const job = await this.updater.update(requireUuid(jobId), async ({ job, say }) => {
      wasTerminal = isTerminal(job.status);
      if (wasTerminal) return;
      job.status = 'cancelled';
      job.finishedAt = new Date();
      say(JOB_CANCELLED_LINE);
    });
    if (!job) throw new NotFoundError(NO_SUCH_JOB);
    if (wasTerminal) throw new ConflictError(`The job is already ${job.status}`);
    // Durable first, so a worker that misses the broadcast still refuses the job's tasks.
    await this.cancellations.markCancelled(job.id);
    this.bus.broadcast(SUBJECTS.jobCancel, { jobId: job.id });
    this.logger.log(`Job ${job.id} cancelled`);
  }

  async delete(jobId: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      const job = await this.store.lockJob(tx, requireUuid(jobId));
      if (!job) throw new NotFoundError(NO_SUCH_JOB);
      if (!isTerminal(job.status)) {
        throw new ConflictError('Only a finished job can be deleted; cancel it first');
      }
      await this.store.deleteJob(tx, job.id);
    });
    this.bus.broadcast(SUBJECTS.jobUpdated, { jobId });
  }
}

/** A malformed id names no job, so it gets the same answer as an unknown one. */
export function requireUuid(id: string): string {
  if (!isUUID(id)) throw new NotFoundError(NO_SUCH_JOB);
  return id;
}
