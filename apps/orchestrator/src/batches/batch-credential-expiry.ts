import { DAY_MS } from '@btsx/contracts';
import { PeriodicService } from '@btsx/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { OrchestratorConfig } from '../orchestrator.config';
import { BatchCredentials } from './batch-credentials';
import { BatchStore } from './batch-store';
import { BatchScheduleStore } from './schedule/batch-schedule.store';

/** Often enough that a password outlives its promised deletion by minutes, not hours. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Deletes a batch's stored passwords BATCH_CREDENTIAL_DAYS after its last pass ended (every
 * line's job ended; a retry or delta pass starts the count again). It stamps that time the
 * first time it finds the batch at rest (from the jobs' own end times), and purges under the
 * batch's lock, checking again that nothing runs. A batch with a live schedule is left to the
 * schedule, whose end deletes them. Safe on every replica at once.
 */
@Injectable()
export class BatchCredentialExpiry extends PeriodicService {
  private readonly logger = new Logger('Batches');

  constructor(
    private readonly store: BatchStore,
    private readonly schedules: BatchScheduleStore,
    private readonly credentials: BatchCredentials,
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
  ) {
    super('Batch credential expiry', SWEEP_INTERVAL_MS);
  }

  protected async runOnce(): Promise<void> {
    await this.sweep();
  }

  /** One sweep; answers the batches whose passwords it deleted. */
  async sweep(now = new Date()): Promise<string[]> {
    const days = this.config.BATCH_CREDENTIAL_DAYS;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const purged: string[] = [];
    for (const id of await this.store.expiryCandidateIds(cutoff)) {
      const ids = await this.expireIfDue(id, now, cutoff, days);
      if (!ids) continue;
      await this.credentials.discard(ids);
      purged.push(id);
    }
    if (purged.length > 0) {
      this.logger.log(
        `Deleted the stored passwords of ${purged.length} batch(es) idle ${days} days`,
      );
    }
    return purged;
  }

  /** The credential ids to discard, or null when the batch keeps them for now. */
  private expireIfDue(id: string, now: Date, cutoff: Date, days: number) {
    return this.store.transaction(async (tx) => {
      const batch = await this.store.lockBatchUnlessBusy(tx, id);
      if (!batch || batch.credentialsDiscardedAt || batch.intent === 'cancelled') return null;
      const schedule = await this.schedules.find(tx, id);
      if ((schedule && !schedule.endedAt) || (await this.store.hasActiveLines(tx, id))) return null;
      batch.lastPassEndedAt ??= (await this.store.lastJobEnd(tx, id)) ?? now;
      const expired = batch.lastPassEndedAt < cutoff;
      const why = `kept ${days} days after its last pass ended`;
      const ids = expired ? await this.store.forgetCredentials(tx, batch, why) : null;
      await this.store.saveBatch(tx, batch);
      return ids;
    });
  }
}
