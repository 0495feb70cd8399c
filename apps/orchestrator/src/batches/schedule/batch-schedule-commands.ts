import { BatchScheduleRequest } from '@btsx/contracts';
import { AppError, ConflictError, NotFoundError } from '@btsx/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrchestratorConfig } from '../../orchestrator.config';
import { finalPassRefusal } from '../../schedules/schedule-step';
import { requireCredentials, requireNotCancelled } from '../batch-requeue';
import { BatchStore } from '../batch-store';
import { BatchEntity } from '../batch.entity';
import { NO_SUCH_BATCH, requireBatchId } from '../batch-view.reader';
import { BatchScheduleRunner } from './batch-schedule-runner';
import { BatchScheduleStore } from './batch-schedule.store';
import { newBatchSchedule } from './new-batch-schedule';

/** What an admin does to a batch's schedule: give one later, ask for the final pass. */
@Injectable()
export class BatchScheduleCommands {
  private readonly logger = new Logger('Batches');

  constructor(
    private readonly store: BatchStore,
    private readonly schedules: BatchScheduleStore,
    private readonly runner: BatchScheduleRunner,
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
  ) {}

  /**
   * A schedule for a batch that has none: its first pass is a delta pass of every line (once
   * the lines' jobs ended); its mirrorDeletions becomes every line's.
   */
  async set(id: string, request: BatchScheduleRequest): Promise<void> {
    await this.underLock(id, async (tx, batch) => {
      requireNotCancelled(batch);
      requireCredentials(batch);
      if (await this.schedules.find(tx, batch.id)) {
        throw new ConflictError('The batch has a schedule already');
      }
      const schedule = newBatchSchedule(batch.id, request, {
        now: new Date(),
        minimumMs: this.config.SCHEDULE_MIN_INTERVAL_MS,
        firstPassFull: false,
      });
      if (!schedule) throw new AppError(400, 'everyHours and timeZone are required');
      await this.schedules.save(tx, schedule);
      await this.schedules.setMirrorDeletions(tx, batch.id, schedule.mirrorDeletions);
    });
    this.logger.log(`Batch ${id} scheduled`);
    this.runner.kick();
  }

  /** The final pass runs once every line of the current pass ended (or now), then the end. */
  async finalPass(id: string): Promise<void> {
    await this.underLock(id, async (tx, batch) => {
      const schedule = await this.schedules.find(tx, batch.id);
      if (!schedule) throw new ConflictError('The batch has no schedule');
      const refusal = finalPassRefusal(schedule.state);
      if (refusal) throw new ConflictError(refusal);
      Object.assign(schedule, { state: 'final-requested', nextPassAt: null });
      await this.schedules.save(tx, schedule);
    });
    this.logger.log(`Batch ${id}: final pass asked for`);
    this.runner.kick();
  }

  private underLock(id: string, work: (tx: EntityManager, batch: BatchEntity) => Promise<void>) {
    return this.store.transaction(async (tx) => {
      const batch = await this.store.lockBatch(tx, requireBatchId(id));
      if (!batch) throw new NotFoundError(NO_SUCH_BATCH);
      await work(tx, batch);
    });
  }
}
