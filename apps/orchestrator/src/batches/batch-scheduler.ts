import { Inject, Injectable, Logger } from '@nestjs/common';
import { NotFoundError, PeriodicService } from '@btsx/platform';
import { JobCommandsService } from '../jobs/job-commands.service';
import { JobRestartService } from '../jobs/job-restart.service';
import { OrchestratorConfig } from '../orchestrator.config';
import { AccountClaims, LoginClaim } from '../jobs/account-claims';
import { refusedForGood } from '../jobs/start-refusal';
import { BatchItemEntity } from './batch-item.entity';
import { BatchSampler } from './batch-sampler';
import { pickStartable } from './batch-slots';
import { BatchStore } from './batch-store';

/** An item stuck this long in `starting` was being started by a process that died. */
const STALE_START_MS = 2 * 60_000;

/** The item cannot run, now or later. */
class ItemCannotRunError extends Error {}

/** A missing credential or a refused job never gets better; auth being down does. */
function isPermanent(error: unknown): boolean {
  return refusedForGood(error) || error instanceof ItemCannotRunError;
}

/**
 * Starts the jobs of running batches as room frees up: at most `concurrency` jobs of a
 * batch at once, at most `perHostLimit` of them touching one host. Each item becomes an
 * ordinary job through the job path (POST /api/jobs's service) with fresh copies of the
 * item's credentials. Looks at boot, every BATCH_TICK_MS, and at once when asked (import,
 * resume).
 */
@Injectable()
export class BatchScheduler extends PeriodicService {
  private readonly logger = new Logger('Batches');

  constructor(
    private readonly store: BatchStore,
    private readonly accounts: AccountClaims,
    private readonly jobs: JobCommandsService,
    private readonly restarts: JobRestartService,
    private readonly sampler: BatchSampler,
    @Inject(OrchestratorConfig) config: OrchestratorConfig,
  ) {
    super('Batch scheduling pass', config.BATCH_TICK_MS);
  }

  /** Runs a pass now, or right after the one in progress. */
  kick(): void {
    void this.task.runNow();
  }

  protected runOnce(): Promise<void> {
    return this.runPass();
  }

  private async runPass(): Promise<void> {
    await this.store.recoverStale(new Date(Date.now() - STALE_START_MS));
    for (const batchId of await this.store.runnableBatchIds()) await this.fill(batchId);
    await this.sampler.sampleIfDue();
  }

  /** Claims the items that fit now (under the batch's lock), then starts them. */
  private async fill(batchId: string): Promise<void> {
    const claimed = await this.store.transaction(async (tx) => {
      const batch = await this.store.lockBatch(tx, batchId);
      if (batch?.intent !== 'running') return [];
      const active = await this.store.activeHosts(tx, batchId);
      const lines = pickStartable(active, await this.store.waiting(tx, batchId), batch);
      return this.store.setPhase(tx, batchId, lines, 'starting');
    });
    for (const item of claimed) await this.start(item);
  }

  private async start(item: BatchItemEntity): Promise<void> {
    const at = `Batch ${item.batchId} line ${item.line}`;
    try {
      if (!item.sourceCredentialId || !item.destinationCredentialId) {
        throw new ItemCannotRunError('its credentials were discarded');
      }
      const held = { source: item.sourceCredentialId, destination: item.destinationCredentialId };
      item.jobId = await this.run(item, this.accounts.ofHeld(held));
      Object.assign(item, { phase: 'started', runs: item.runs + 1, error: null, deltaOf: null });
      this.logger.log(`${at} started as job ${item.jobId}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      item.phase = isPermanent(error) ? 'cancelled' : 'pending';
      item.error = `Could not start: ${reason}`;
      this.logger.warn(`${at}: ${item.error}`);
    }
    item.phaseChangedAt = new Date();
    const intent = await this.store.saveStart(item);
    if (intent === 'cancelled' && item.phase === 'started' && item.jobId) {
      await this.cancelJobOf(item.batchId, item.jobId);
    }
  }

  /**
   * The line's job: a delta pass of its last job when the batch's delta action asked for one;
   * a full run with Replace Existing when that job is gone (its marks with it), else as asked.
   */
  private async run(item: BatchItemEntity, claim: LoginClaim): Promise<string> {
    if (!item.deltaOf) return this.jobs.create(item.options, claim);
    try {
      const { mirrorDeletions } = item.options;
      return await this.restarts.restart(item.deltaOf, claim, { delta: true, mirrorDeletions });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return this.jobs.create({ ...item.options, reconcileExisting: true }, claim);
    }
  }

  /** A cancel that came while this item was starting did not see its job: stop it now. */
  private async cancelJobOf(batchId: string, jobId: string): Promise<void> {
    try {
      await this.jobs.cancel(jobId);
    } catch (error) {
      this.logger.warn(`Cancelling job ${jobId} of cancelled batch ${batchId}: ${String(error)}`);
    }
  }
}
