import { BatchActionResponse, BatchLimitsRequest } from '@btsx/contracts';
import { ConflictError, NotFoundError } from '@btsx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActivityLog, ActivityOrigin } from '../activity';
import { JobCommandsService } from '../jobs/job-commands.service';
import { batchActivity } from './batch-activity';
import { isActive, itemState } from './batch-item-state';
import { BatchCredentials } from './batch-credentials';
import { BatchRequeue, Requeue, requireNotCancelled } from './batch-requeue';
import { BatchScheduler } from './batch-scheduler';
import { BatchStore } from './batch-store';
import { BatchEntity } from './batch.entity';
import { NO_SUCH_BATCH, requireBatchId } from './batch-view.reader';
import { BatchScheduleStore } from './schedule/batch-schedule.store';

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
    private readonly requeuer: BatchRequeue,
    private readonly schedules: BatchScheduleStore,
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
   * Waiting items will never run, running jobs are cancelled, the batch's schedule ends, and
   * the batch's credentials are discarded from the vault: a cancelled batch cannot be retried.
   */
  async cancel(id: string, origin: ActivityOrigin): Promise<BatchActionResponse> {
    const { jobIds, credentialIds } = await this.change(id, async (tx, batch) => {
      requireNotCancelled(batch);
      batch.intent = 'cancelled';
      const items = await this.store.items(tx, batch.id);
      const waiting = items.filter((i) => i.phase === 'pending').map((i) => i.line);
      await this.store.setPhase(tx, batch.id, waiting, 'cancelled');
      await this.activity.record(origin, batchActivity('batch.cancelled', batch), tx);
      await this.schedules.endSchedule(tx, batch.id, 'cancelled');
      return {
        jobIds: items.filter((i) => i.phase === 'started').map((i) => i.jobId),
        credentialIds: await this.store.forgetCredentials(tx, batch, 'the batch was cancelled'),
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
    return this.requeue(id, 'retry failed', origin);
  }

  /**
   * The delta pass: every line of a finished batch runs again as a delta pass of its last job,
   * which copies only what changed at the source since (docs/architecture.md, Delta passes).
   */
  async deltaPass(id: string, origin: ActivityOrigin): Promise<BatchActionResponse> {
    return this.requeue(id, 'delta pass', origin);
  }

  /** Deletes a batch that has nothing running, and its credentials; its jobs stay. */
  async delete(id: string, origin: ActivityOrigin): Promise<void> {
    const credentialIds = await this.store.transaction(async (tx) => {
      const batch = await this.lock(tx, id);
      const rows = await this.store.itemRows(batch.id);
      if (rows.some((r) => isActive(itemState(r)) && r.phase !== 'pending')) {
        throw new ConflictError('The batch has jobs running; cancel it first');
      }
      const ids = await this.store.forgetCredentials(tx, batch, 'the batch was deleted');
      await tx.getRepository(BatchEntity).delete({ id: batch.id });
      await this.activity.record(origin, batchActivity('batch.deleted', batch), tx);
      return ids;
    });
    await this.credentials.discard(credentialIds);
  }

  private async requeue(
    id: string,
    requeue: Requeue,
    origin: ActivityOrigin,
  ): Promise<BatchActionResponse> {
    const affected = await this.change(id, async (tx, batch) => {
      const jobs = await this.requeuer.queue(tx, batch, requeue);
      const action = requeue === 'delta pass' ? 'batch.delta' : 'batch.retried';
      await this.activity.record(origin, batchActivity(action, batch, { jobs }), tx);
      return jobs;
    });
    this.scheduler.kick();
    return { affected };
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
