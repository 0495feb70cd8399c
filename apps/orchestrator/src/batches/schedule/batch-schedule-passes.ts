import { nextPassAfter } from '@btsx/contracts';
import { ConflictError } from '@btsx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { passGridOf } from '../../schedules/schedule-grid';
import { BatchRequeue } from '../batch-requeue';
import { BatchEntity } from '../batch.entity';
import { BatchScheduleEntity } from './batch-schedule.entity';
import { BatchScheduleStore } from './batch-schedule.store';

/**
 * Starts a batch schedule's next pass, under the batch's lock: the first pass of a schedule
 * made at import lets the batch's lines start (they waited for it); every other pass is the
 * batch's delta action, every line a delta pass of its last job. The batch's scheduler then
 * starts the lines within the batch's limits, as for any pass.
 */
@Injectable()
export class BatchSchedulePasses {
  private readonly logger = new Logger('Batches');

  constructor(
    private readonly schedules: BatchScheduleStore,
    private readonly requeue: BatchRequeue,
  ) {}

  /** Answers whether lines were queued (the batch's scheduler has work). */
  async start(
    tx: EntityManager,
    batch: BatchEntity,
    schedule: BatchScheduleEntity,
    final: boolean,
    now: Date,
  ): Promise<boolean> {
    const number = schedule.passesStarted + 1;
    const firstRun = schedule.firstPassFull && schedule.passesStarted === 0;
    const at = `Batch ${batch.id} pass ${number}${final ? ' (final)' : ''}`;
    let lines: number;
    try {
      lines = firstRun
        ? await this.schedules.waitingLines(tx, batch.id)
        : await this.requeue.queue(tx, batch, 'delta pass');
    } catch (error) {
      // The batch can run nothing again (cancelled, its passwords gone): the schedule ends.
      if (!(error instanceof ConflictError)) throw error;
      Object.assign(schedule, {
        state: 'cancelled',
        endedAt: now,
        nextPassAt: null,
        error: `Pass ${number} could not start: ${error.message}`,
      });
      this.logger.warn(`${at} could not start: ${error.message}; the schedule is cancelled`);
      return false;
    }
    await this.schedules.addPass(tx, {
      batchId: batch.id,
      number,
      delta: !firstRun,
      final,
      lines,
      startedAt: now,
      endedAt: null,
      tally: null,
    });
    Object.assign(schedule, {
      passesStarted: number,
      state: final ? 'final-requested' : 'running',
      nextPassAt: final ? null : nextPassAfter(passGridOf(schedule), now),
    });
    this.logger.log(`${at} started: ${lines} line(s)`);
    return lines > 0;
  }
}
