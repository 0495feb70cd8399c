import { SUBJECTS } from '@btsx/contracts';
import { BusClient, PeriodicService } from '@btsx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { ExpiredJobsStore } from './expired-jobs.store';
import { RetentionPeriod } from './retention-period';

/** Hourly: a job outlives its promised deletion date by at most an hour. */
const SWEEP_INTERVAL_MS = 3_600_000;

/**
 * Deletes finished jobs once their retention is over, with all their rows (and ended
 * schedules, whose passes stay until then): at boot, then
 * every hour. Safe on every replica at once: each due job is deleted by exactly one of them.
 */
@Injectable()
export class JobRetentionSweeper extends PeriodicService {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly store: ExpiredJobsStore,
    private readonly bus: BusClient,
    private readonly period: RetentionPeriod,
  ) {
    super('Retention sweep', SWEEP_INTERVAL_MS);
  }

  protected async runOnce(): Promise<void> {
    await this.sweep();
  }

  /** One sweep; answers how many jobs it deleted. */
  async sweep(now = new Date()): Promise<number> {
    const cutoff = this.period.cutoff(now);
    const ids = await this.store.deleteFinishedBefore(cutoff);
    await this.store.deleteSchedulesEndedBefore(cutoff);
    // An open status page of a deleted job learns it is gone.
    for (const jobId of ids) this.bus.broadcast(SUBJECTS.jobUpdated, { jobId });
    this.logger.log(
      `Retention: deleted ${ids.length} jobs finished before ${cutoff.toISOString()}`,
    );
    return ids.length;
  }
}
