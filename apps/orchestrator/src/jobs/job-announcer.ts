import { isTerminal, jobLogins, PassedFolder, SUBJECTS } from '@btsx/contracts';
import { AppError, BusClient } from '@btsx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { JobEntity } from './job.entity';
import { JobStore } from './job-store';

/** What every change of a job tells the rest of the system, once its transaction committed. */
@Injectable()
export class JobAnnouncer {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly bus: BusClient,
    private readonly store: JobStore,
  ) {}

  /**
   * Asks discovery to plan a new job (a delta pass with the previous pass's marks); msgId =
   * job id, so a retried publish is dropped.
   */
  async requested(job: JobEntity, since?: PassedFolder[]): Promise<void> {
    try {
      await this.bus.publish(
        SUBJECTS.jobRequested,
        { jobId: job.id, options: job.options, ...(since && { since }) },
        job.id,
      );
    } catch (error) {
      // The job stays queued; restarting unfinished jobs republishes job.requested.
      this.logger.error(`Publishing job.requested for ${job.id} failed: ${String(error)}`);
      throw new AppError(503, 'The job could not be queued; try again shortly');
    }
  }

  /**
   * Wakes live views on every replica, and publishes job.finished for a terminal job until
   * JetStream has it: a crash between commit and publish is repaired by the next redelivery
   * or event, and the msgId makes a repeat within the duplicate window harmless.
   */
  async changed(job: JobEntity): Promise<void> {
    this.bus.broadcast(SUBJECTS.jobUpdated, { jobId: job.id });
    if (!isTerminal(job.status) || job.finishPublished) return;
    await this.bus.publish(
      SUBJECTS.jobFinished,
      {
        jobId: job.id,
        status: job.status,
        credentialOwner: jobLogins(job.id),
      },
      `${job.id}.finished`,
    );
    await this.store.markFinishPublished(job.id);
    job.finishPublished = true;
  }
}
