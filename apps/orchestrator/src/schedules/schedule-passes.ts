import { nextPassAfter } from '@btsx/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountClaims } from '../jobs/account-claims';
import { JobCommandsService } from '../jobs/job-commands.service';
import { JobRestartService } from '../jobs/job-restart.service';
import { WithNewJob } from '../jobs/new-job';
import { refusedForGood } from '../jobs/start-refusal';
import { ScheduleEntity } from './schedule.entity';
import { ScheduleStore } from './schedule-store';
import { LatestPass } from './schedule-step';
import { passGridOf } from './schedule-grid';

/** The schedule's credentials were discarded: no pass can start any more. */
class NothingHeldError extends Error {
  constructor() {
    super('its held credentials were discarded');
  }
}

/**
 * Starts a schedule's next pass, under the schedule's lock: the first a job of the
 * schedule's options, each later one a delta pass of the one before (JobRestartService,
 * as `POST /api/jobs/:id/restart` with delta), both on fresh copies of the held logins. The
 * pass's row is written in its job's transaction, so a job is a pass from its first moment.
 */
@Injectable()
export class SchedulePasses {
  private readonly logger = new Logger('Schedules');

  constructor(
    private readonly store: ScheduleStore,
    private readonly accounts: AccountClaims,
    private readonly jobs: JobCommandsService,
    private readonly restarts: JobRestartService,
  ) {}

  /**
   * Answers whether the schedule changed: a started pass, or a schedule cancelled because no
   * pass can ever start; unchanged when auth or the database failed (the next tick retries).
   */
  async start(
    schedule: ScheduleEntity,
    previous: LatestPass | null,
    final: boolean,
    now: Date,
  ): Promise<boolean> {
    const number = schedule.passesStarted + 1;
    const at = `Schedule ${schedule.id} pass ${number}${final ? ' (final)' : ''}`;
    try {
      const jobId = await this.startJob(schedule, previous, (tx: EntityManager, jobId) =>
        this.store.addPass(tx, { scheduleId: schedule.id, number, jobId, final }),
      );
      schedule.passesStarted = number;
      schedule.state = final ? 'final-requested' : 'running';
      schedule.nextPassAt = final ? null : nextPassAfter(passGridOf(schedule), now);
      this.logger.log(`${at} started as job ${jobId}`);
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (!refusedForGood(error) && !(error instanceof NothingHeldError)) {
        this.logger.warn(`${at} could not start yet: ${reason}`);
        return false;
      }
      Object.assign(schedule, {
        state: 'cancelled',
        endedAt: now,
        nextPassAt: null,
        error: `Pass ${number} could not start: ${reason}`,
      });
      this.logger.warn(`${at} could not start: ${reason}; the schedule is cancelled`);
      return true;
    }
  }

  private startJob(
    schedule: ScheduleEntity,
    previous: LatestPass | null,
    within: WithNewJob,
  ): Promise<string> {
    const { sourceHeldId: source, destinationHeldId: destination } = schedule;
    if (!source || !destination) throw new NothingHeldError();
    const claim = this.accounts.ofHeld({ source, destination });
    return previous
      ? this.restarts.restart(previous.jobId, claim, { delta: true, within })
      : this.jobs.create(schedule.options, claim, { within });
  }
}
