import { SUBJECTS } from '@btsx/contracts';
import { BusClient } from '@btsx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { ScheduleEntity } from './schedule.entity';
import { ScheduleStore } from './schedule-store';

/**
 * Ends a schedule's hold on its accounts' passwords: auth discards them, then the schedule
 * forgets their ids. What auth cannot discard now stays named, and the scheduler's sweep
 * asks again at its next tick: no held credential outlives its schedule by more than that.
 */
@Injectable()
export class ScheduleCredentials {
  private readonly logger = new Logger('Schedules');

  constructor(
    private readonly bus: BusClient,
    private readonly store: ScheduleStore,
  ) {}

  async release(schedule: ScheduleEntity): Promise<void> {
    const credentialIds = [schedule.sourceHeldId, schedule.destinationHeldId].filter(
      (id): id is string => id !== null,
    );
    if (credentialIds.length === 0) return;
    try {
      await this.bus.request(SUBJECTS.credentialDiscard, { credentialIds });
      await this.store.forgetHeld(schedule.id);
      Object.assign(schedule, { sourceHeldId: null, destinationHeldId: null });
      this.logger.log(`Schedule ${schedule.id}: its held credentials were discarded`);
    } catch (error) {
      this.logger.error(`Schedule ${schedule.id}: discarding its credentials failed: ${error}`);
    }
  }

  /** The sweep: every ended schedule still holding credentials lets them go. */
  async releaseEnded(): Promise<void> {
    for (const schedule of await this.store.stillHolding()) await this.release(schedule);
  }
}
