import { Inject, Injectable, Logger } from '@nestjs/common';
import { PeriodicService } from '@btsx/platform';
import { OrchestratorConfig } from '../orchestrator.config';
import { ScheduleCredentials } from './schedule-credentials';
import { SchedulePasses } from './schedule-passes';
import { ScheduleStore } from './schedule-store';
import { nextStep } from './schedule-step';

/**
 * Moves every schedule along, on every orchestrator replica: starts passes that fell due (once
 * the previous one ended), ends schedules whose final pass ended or whose end date came, and
 * sweeps held credentials of ended schedules. Each schedule is handled under its row's lock,
 * skipped by the other replicas meanwhile, so no pass starts twice. Looks at boot, every
 * SCHEDULE_TICK_MS, and at once when asked (a new schedule, a final pass).
 */
@Injectable()
export class ScheduleRunner extends PeriodicService {
  private readonly logger = new Logger('Schedules');

  constructor(
    private readonly store: ScheduleStore,
    private readonly passes: SchedulePasses,
    private readonly credentials: ScheduleCredentials,
    @Inject(OrchestratorConfig) config: OrchestratorConfig,
  ) {
    super('Schedule tick', config.SCHEDULE_TICK_MS);
  }

  /** A tick now, or right after the one in progress. */
  kick(): Promise<void> {
    return this.task.runNow();
  }

  protected runOnce(): Promise<void> {
    return this.tick();
  }

  private async tick(): Promise<void> {
    for (const id of await this.store.dueIds(new Date())) await this.advance(id);
    await this.credentials.releaseEnded();
  }

  private async advance(id: string): Promise<void> {
    const ended = await this.store.transaction(async (tx) => {
      const schedule = await this.store.lock(tx, id, true);
      if (!schedule) return null;
      const latestPass = await this.store.latestPass(tx, id);
      const now = new Date();
      const step = nextStep({ ...schedule, latestPass }, now);
      if (step.kind === 'nothing') return null;
      if (step.kind === 'start pass') {
        const changed = await this.passes.start(schedule, latestPass, step.final, now);
        if (!changed) return null;
      } else if (step.kind === 'wait for next pass') {
        schedule.state = 'waiting';
      } else {
        Object.assign(schedule, { state: 'finished', endedAt: now, nextPassAt: null });
        this.logger.log(`Schedule ${id} finished: ${step.reason}`);
      }
      await this.store.save(tx, schedule);
      return schedule.endedAt ? schedule : null;
    });
    if (ended) await this.credentials.release(ended);
  }
}
