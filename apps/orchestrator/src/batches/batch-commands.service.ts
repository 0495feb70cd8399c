import { BatchActionResponse, BatchItemState, BatchLimitsRequest } from '@btsx/contracts';
import { ConflictError, NotFoundError } from '@btsx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActivityLog, ActivityOrigin } from '../activity';
import { JobCommandsService } from '../jobs/job-commands.service';
import { batchActivity } from './batch-activity';
import { isActive, isEndedJob, itemState, RETRYABLE } from './batch-item-state';
import { BatchItemEntity } from './batch-item.entity';
import { BatchCredentials } from './batch-credentials';
import { BatchScheduler } from './batch-scheduler';
import { BatchStore } from './batch-store';
import { BatchEntity } from './batch.entity';
import { NO_SUCH_BATCH, requireBatchId } from './batch-view.reader';

/**
 * What an admin can do to a batch. Each change runs under the batch's row lock and is
 * recorded in the activity log in the same transaction.
 */
@Injectable()
export class BatchCommandsService {
  private readonly logger = new Logger('Batches');

  constructor(
    private readonly store: BatchStore,
    private readonly credentials: BatchCredentials,
    private readonly scheduler: BatchScheduler,
    private readonly jobs: JobCommandsService,
    private readonly activity: ActivityLog,
  ) {}

  /** No new job starts; jobs already running go on to their end. */
  async pause(id: string, origin: ActivityOrigin): Promise<BatchActionResponse> {
    await this.change(id, async (tx, batch) => {
      requireNotCancelled(batch);
      batch.intent = 'paused';
      await this.activity.record(origin, batchActivity('batch.paused', batch), tx);
    });
    return { affected: 0 };
  }

  async resume(id: string, origin: ActivityOrigin): Promise<BatchActionResponse> {
    await this.change(id, async (tx, batch) => {
      requireNotCancelled(batch);
      batch.intent = 'running';
      await this.activity.record(origin, batchActivity('batch.resumed', batch), tx);
    });
    this.scheduler.kick();
    return { affected: 0 };
  }

  async setLimits(
    id: string,
    limits: BatchLimitsRequest,
    origin: ActivityOrigin,
  ): Promise<BatchActionResponse> {
    await this.change(id, async (tx, batch) => {
      const detail = {
        concurrency: limits.concurrency,
        perHostLimit: limits.perHostLimit,
        previousConcurrency: batch.concurrency,
        previousPerHostLimit: batch.perHostLimit,
      };
      batch.concurrency = limits.concurrency;
      batch.perHostLimit = limits.perHostLimit;
      await this.activity.record(origin, batchActivity('batch.limits-changed', batch, detail), tx);
    });
    this.scheduler.kick();
    return { affected: 0 };
  }

  /**
   * Waiting items will never run, running jobs are cancelled, and the batch's credentials
   * are discarded from the vault: a cancelled batch cannot be retried.
   */
  async cancel(id: string, origin: ActivityOrigin): Promise<BatchActionResponse> {
    const { jobIds, credentialIds } = await this.change(id, async (tx, batch) => {
      requireNotCancelled(batch);
      batch.intent = 'cancelled';
      const items = await this.store.items(tx, batch.id);
      const waiting = items.filter((i) => i.phase === 'pending').map((i) => i.line);
      await this.store.setPhase(tx, batch.id, waiting, 'cancelled');
      await this.activity.record(origin, batchActivity('batch.cancelled', batch), tx);
      return {
        jobIds: items.filter((i) => i.phase === 'started').map((i) => i.jobId),
        credentialIds: await this.forgetCredentials(tx, items),
      };
    });
    let cancelled = 0;
    for (const jobId of jobIds) {
      if (jobId && (await this.cancelJob(jobId))) cancelled += 1;
    }
    await this.credentials.discard(credentialIds);
    this.logger.log(`Batch ${id} cancelled (${cancelled} running job(s) stopped)`);
    return { affected: cancelled };
  }

  /** Runs failed, partly failed and cancelled jobs again, with Replace Existing. */
  async retryFailed(id: string, origin: ActivityOrigin): Promise<BatchActionResponse> {
    const retryable = (state: BatchItemState) => isEndedJob(state) && RETRYABLE.includes(state);
    return this.requeue(id, retryable, false, origin);
  }

  /**
   * The delta pass: every line of a finished batch runs again as a delta pass of its last job,
   * which copies only what changed at the source since (docs/architecture.md, Delta passes).
   */
  async deltaPass(id: string, origin: ActivityOrigin): Promise<BatchActionResponse> {
    return this.requeue(id, isEndedJob, true, origin);
  }

  /** Deletes a batch that has nothing running, and its credentials; its jobs stay. */
  async delete(id: string, origin: ActivityOrigin): Promise<void> {
    const credentialIds = await this.store.transaction(async (tx) => {
      const batch = await this.lock(tx, id);
      const rows = await this.store.itemRows(batch.id);
      if (rows.some((r) => isActive(itemState(r)) && r.phase !== 'pending')) {
        throw new ConflictError('The batch has jobs running; cancel it first');
      }
      const ids = await this.forgetCredentials(tx, await this.store.items(tx, batch.id));
      await tx.getRepository(BatchEntity).delete({ id: batch.id });
      await this.activity.record(origin, batchActivity('batch.deleted', batch), tx);
      return ids;
    });
    await this.credentials.discard(credentialIds);
  }

  private async requeue(
    id: string,
    wanted: (state: BatchItemState) => boolean,
    wholeBatchDone: boolean,
    origin: ActivityOrigin,
  ): Promise<BatchActionResponse> {
    const affected = await this.change(id, async (tx, batch) => {
      requireNotCancelled(batch);
      const rows = await this.store.itemRows(batch.id);
      if (wholeBatchDone && rows.some((r) => isActive(itemState(r)))) {
        throw new ConflictError('A delta pass runs once every job of the batch has ended');
      }
      const lines = rows
        .filter((r) => r.phase === 'started' && wanted(itemState(r)))
        .map((r) => r.line);
      const items = await this.store.setPhase(tx, batch.id, lines, 'pending');
      const rerun = wholeBatchDone ? this.runAsDelta : this.runReconcilingExisting;
      for (const item of items) await rerun(tx, item);
      const action = wholeBatchDone ? 'batch.delta' : 'batch.retried';
      await this.activity.record(origin, batchActivity(action, batch, { jobs: items.length }), tx);
      return items.length;
    });
    this.scheduler.kick();
    return { affected };
  }

  private readonly runReconcilingExisting = async (tx: EntityManager, item: BatchItemEntity) => {
    item.options = { ...item.options, reconcileExisting: true };
    item.error = null;
    await tx.getRepository(BatchItemEntity).save(item);
  };

  /** The line's next run is a delta pass of its last job. */
  private readonly runAsDelta = async (tx: EntityManager, item: BatchItemEntity) => {
    item.deltaOf = item.jobId;
    item.error = null;
    await tx.getRepository(BatchItemEntity).save(item);
  };

  private async forgetCredentials(tx: EntityManager, items: BatchItemEntity[]): Promise<string[]> {
    if (items.length === 0) return [];
    const ids = items.flatMap((i) => [i.sourceCredentialId, i.destinationCredentialId]);
    await tx
      .getRepository(BatchItemEntity)
      .update(
        { batchId: items[0].batchId },
        { sourceCredentialId: null, destinationCredentialId: null },
      );
    return ids.filter((c): c is string => c !== null);
  }

  private async cancelJob(jobId: string): Promise<boolean> {
    try {
      await this.jobs.cancel(jobId);
      return true;
    } catch (error) {
      // Already ended, or deleted: nothing to stop.
      if (error instanceof ConflictError || error instanceof NotFoundError) return false;
      throw error;
    }
  }

  private change<T>(id: string, work: (tx: EntityManager, batch: BatchEntity) => Promise<T>) {
    return this.store.transaction(async (tx) => {
      const batch = await this.lock(tx, id);
      const result = await work(tx, batch);
      await this.store.saveBatch(tx, batch);
      return result;
    });
  }

  private async lock(tx: EntityManager, id: string): Promise<BatchEntity> {
    const batch = await this.store.lockBatch(tx, requireBatchId(id));
    if (!batch) throw new NotFoundError(NO_SUCH_BATCH);
    return batch;
  }
}

function requireNotCancelled(batch: BatchEntity): void {
  if (batch.intent === 'cancelled') throw new ConflictError('The batch is cancelled');
}
