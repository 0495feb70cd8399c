import { PeriodicService } from '@btsx/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrchestratorConfig } from '../../orchestrator.config';
import { nextStep } from '../../schedules/schedule-step';
import { BatchCredentials } from '../batch-credentials';
import { BatchScheduler } from '../batch-scheduler';
import { BatchStore } from '../batch-store';
import { BatchPassEntity } from './batch-pass.entity';
import { BatchScheduleEntity } from './batch-schedule.entity';
import { BatchSchedulePasses } from './batch-schedule-passes';
import { BatchScheduleStore } from './batch-schedule.store';

/**
 * Moves every batch schedule along, as ScheduleRunner does a job's (the same `nextStep`): a
 * pass starts when it falls due and every line's job of the pass before ended; the schedule
 * ends after its final pass or at its end date, and then, once no line is at work, the
 * batch's stored passwords are discarded. Each batch under its row's lock, skipped by other
 * replicas meanwhile. Looks every SCHEDULE_TICK_MS, and at once when asked.
 */
@Injectable()
export class BatchScheduleRunner extends PeriodicService {
  private readonly logger = new Logger('Batches');

  constructor(
    private readonly store: BatchStore,
    private readonly schedules: BatchScheduleStore,
    private readonly passes: BatchSchedulePasses,
    private readonly credentials: BatchCredentials,
    private readonly scheduler: BatchScheduler,
    @Inject(OrchestratorConfig) config: OrchestratorConfig,
  ) {
    super('Batch schedule tick', config.SCHEDULE_TICK_MS);
  }

  kick(): void {
    void this.task.runNow();
  }

  protected async runOnce(): Promise<void> {
    for (const id of await this.schedules.dueIds(new Date())) await this.advance(id);
    for (const id of await this.schedules.endedHoldingIds()) await this.release(id);
  }

  private async advance(batchId: string): Promise<void> {
    const outcome = await this.store.transaction(async (tx) => {
      const batch = await this.store.lockBatchUnlessBusy(tx, batchId);
      const schedule = batch && (await this.schedules.find(tx, batchId));
      if (!batch || !schedule || schedule.endedAt) return { queued: false, ended: false };
      const now = new Date();
      const latest = await this.latestPass(tx, schedule, now);
      const step = nextStep({ ...schedule, latestPass: latest }, now);
      let queued = false;
      if (step.kind === 'nothing') return { queued, ended: false };
      if (step.kind === 'start pass') {
        queued = await this.passes.start(tx, batch, schedule, step.final, now);
        await this.store.saveBatch(tx, batch);
      } else if (step.kind === 'wait for next pass') {
        schedule.state = 'waiting';
      } else {
        Object.assign(schedule, { state: 'finished', endedAt: now, nextPassAt: null });
        this.logger.log(`Batch ${batchId}'s schedule finished: ${step.reason}`);
      }
      await this.schedules.save(tx, schedule);
      return { queued, ended: schedule.endedAt !== null };
    });
    if (outcome.queued) this.scheduler.kick();
    if (outcome.ended) await this.release(batchId);
  }

  /**
   * The latest pass as nextStep sees it, its end stamped (with its jobs' counts) the first
   * time every line is found at rest. Null before the first pass of a schedule made at import,
   * whose lines wait for it; a schedule given later waits for the lines' running jobs.
   */
  private async latestPass(tx: EntityManager, schedule: BatchScheduleEntity, now: Date) {
    if (schedule.firstPassFull && schedule.passesStarted === 0) return null;
    const ended = !(await this.store.hasActiveLines(tx, schedule.batchId));
    const pass: BatchPassEntity | null = await this.schedules.latestPass(tx, schedule.batchId);
    if (pass && ended && !pass.endedAt) await this.schedules.stampPassEnd(tx, pass, now);
    return { ended, final: pass?.final ?? false };
  }

  /** An ended schedule's batch lets its passwords go once none of its lines is at work. */
  private async release(batchId: string): Promise<void> {
    const ids = await this.store.transaction(async (tx) => {
      const batch = await this.store.lockBatchUnlessBusy(tx, batchId);
      const schedule = batch && (await this.schedules.find(tx, batchId));
      if (!batch || !schedule?.endedAt || batch.credentialsDiscardedAt) return null;
      if (await this.store.hasActiveLines(tx, batchId)) return null;
      const pass = await this.schedules.latestPass(tx, batchId);
      if (pass && !pass.endedAt) await this.schedules.stampPassEnd(tx, pass, new Date());
      const why =
        schedule.state === 'cancelled' ? 'its schedule was cancelled' : 'its schedule ended';
      const ids = await this.store.forgetCredentials(tx, batch, why);
      await this.store.saveBatch(tx, batch);
      return ids;
    });
    if (!ids) return;
    await this.credentials.discard(ids);
    this.logger.log(`Batch ${batchId}: its stored passwords were discarded at its schedule's end`);
  }
}
