import { isTerminal, SUBJECTS } from '@btsx/contracts';
import { BusClient } from '@btsx/platform';
import { Injectable } from '@nestjs/common';
import { JobEntity } from '../database/job.entity';
import { JobStore } from './job-store';

/** What every change of a job tells the rest of the system, once its transaction committed. */
@Injectable()
export class JobAnnouncer {
  constructor(
    private readonly bus: BusClient,
    private readonly store: JobStore,
  ) {}

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
        credentialIds: [job.sourceCredentialId, job.destinationCredentialId],
      },
      `${job.id}.finished`,
    );
    await this.store.markFinishPublished(job.id);
    job.finishPublished = true;
  }
}
