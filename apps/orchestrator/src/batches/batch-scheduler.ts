import { Inject, Injectable, Logger } from '@nestjs/common';
import { NotFoundError, PeriodicService } from '@btsx/platform';
import { JobCommandsService } from '../jobs/job-commands.service';
import { JobRestartService } from '../jobs/job-restart.service';
import { OrchestratorConfig } from '../orchestrator.config';
import { AccountClaims, LoginClaim } from '../jobs/account-claims';
import { refusedForGood } from '../jobs/start-refusal';
import { BatchItemEntity } from './batch-item.entity';
import { BatchSampler } from './batch-sampler';
import { pickStartable, roundRobin, withinTenantShare } from './batch-slots';
import { BatchStore, RunnableBatch } from './batch-store';

/** An item stuck this long in `starting` was being started by a process that died. */
const STALE_START_MS = 2 * 60_000;

/** An item claimed for starting, and the tenant its job will belong to. */
interface Claimed {
  item: BatchItemEntity;
  tenantId: string;
}

/** The item cannot run, now or later. */
class ItemCannotRunError extends Error {}

/** A missing credential or a refused job never gets better; auth being down does. */
function isPermanent(error: unknown): boolean {
  return refusedForGood(error) || error instanceof ItemCannotRunError;
}

/**
 * Starts the jobs of running batches as room frees up: at most `concurrency` jobs of a
 * batch at once, at most `perHostLimit` of them touching one host, and at most the
 * tenant's share (its own concurrency, or BATCH_TENANT_CONCURRENCY) of all its batches'
 * jobs, so one tenant's ten thousand mailboxes leave another's ten their room. Within a
 * tenant the oldest batch fills first; the claimed items start one tenant after another
 * in turn (the first tenant rotating from pass to pass). Each item becomes an ordinary job
 * through the job path (POST /api/jobs's service) with fresh copies of the item's
 * credentials, owned by the batch's tenant. Looks at boot, every BATCH_TICK_MS, and at
 * once when asked (import, resume).
 */
@Injectable()
export class BatchScheduler extends PeriodicService {
  private readonly logger = new Logger('Batches');
  private readonly tenantShare: number;
  /** Which tenant starts first: a different one each pass. */
  private passes = 0;

  constructor(
    private readonly store: BatchStore,
    private readonly accounts: AccountClaims,
    private readonly jobs: JobCommandsService,
    private readonly restarts: JobRestartService,
    private readonly sampler: BatchSampler,
    @Inject(OrchestratorConfig) config: OrchestratorConfig,
  ) {
    super('Batch scheduling pass', config.BATCH_TICK_MS);
    this.tenantShare = config.BATCH_TENANT_CONCURRENCY;
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
    const byTenant = new Map<string, Claimed[]>();
    for (const batch of await this.store.runnableBatches()) {
      const claimed = (await this.claim(batch)).map((item) => ({ item, tenantId: batch.tenantId }));
      byTenant.set(batch.tenantId, [...(byTenant.get(batch.tenantId) ?? []), ...claimed]);
    }
    const tenants = [...byTenant.keys()].sort();
    const turns = roundRobin(
      tenants.map((t) => byTenant.get(t) ?? []),
      this.passes++,
    );
    for (const { item, tenantId } of turns) await this.start(item, tenantId);
    await this.sampler.sampleIfDue();
  }

  /** Claims the items that fit now, under the tenant's then the batch's lock. */
  private claim(batch: RunnableBatch): Promise<BatchItemEntity[]> {
    return this.store.transaction(async (tx) => {
      const room = await this.store.lockTenantRoom(tx, batch.tenantId, this.tenantShare);
      const locked = await this.store.lockBatch(tx, batch.id);
      if (locked?.intent !== 'running' || room <= 0) return [];
      const active = await this.store.activeHosts(tx, batch.id);
      const limits = withinTenantShare(locked, active.length, room);
      const lines = pickStartable(active, await this.store.waiting(tx, batch.id), limits);
      return this.store.setPhase(tx, batch.id, lines, 'starting');
    });
  }

  private async start(item: BatchItemEntity, tenantId: string): Promise<void> {
    const at = `Batch ${item.batchId} line ${item.line}`;
    try {
      if (!item.sourceCredentialId || !item.destinationCredentialId) {
        throw new ItemCannotRunError('its credentials were discarded');
      }
      const held = { source: item.sourceCredentialId, destination: item.destinationCredentialId };
      item.jobId = await this.run(item, tenantId, this.accounts.ofHeld(held));
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
  private async run(item: BatchItemEntity, tenantId: string, claim: LoginClaim): Promise<string> {
    if (!item.deltaOf) return this.jobs.create(item.options, claim, { tenantId });
    try {
      // The delta pass inherits its tenant from the job it follows, the batch's own.
      const { mirrorDeletions } = item.options;
      return await this.restarts.restart(item.deltaOf, claim, { delta: true, mirrorDeletions });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return this.jobs.create({ ...item.options, reconcileExisting: true }, claim, { tenantId });
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
