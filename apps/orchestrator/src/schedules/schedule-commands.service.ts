import { CreateScheduleRequest, scheduleEnded } from '@btsx/contracts';
import { ConflictError, NotFoundError } from '@btsx/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccountClaims } from '../jobs/account-claims';
import { JobCommandsService } from '../jobs/job-commands.service';
import { OrchestratorConfig } from '../orchestrator.config';
import { ScheduleEntity } from './schedule.entity';
import { ScheduleCredentials } from './schedule-credentials';
import { ScheduleRunner } from './schedule-runner';
import { ScheduleStore } from './schedule-store';
import { finalPassRefusal } from './schedule-step';
import { scheduleTimes } from './schedule-times';

export const NO_SUCH_SCHEDULE = 'No such schedule';

/** What a user does to a schedule: create it, ask for its final pass, cancel it. */
@Injectable()
export class ScheduleCommandsService {
  private readonly logger = new Logger('Schedules');

  constructor(
    private readonly store: ScheduleStore,
    private readonly accounts: AccountClaims,
    private readonly credentials: ScheduleCredentials,
    private readonly runner: ScheduleRunner,
    private readonly jobs: JobCommandsService,
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
  ) {}

  /**
   * Checks the times first (a refusal costs no sign-in), then holds the client's two tokens
   * at auth; if the schedule cannot be stored, auth discards them again.
   */
  async create(request: CreateScheduleRequest, client: Request): Promise<string> {
    const now = new Date();
    const times = scheduleTimes(request, now, this.config.SCHEDULE_MIN_INTERVAL_MS);
    const held = await this.accounts.holdForSchedule(request, client);
    const id = randomUUID();
    const schedule: ScheduleEntity = {
      id,
      state: 'scheduled',
      options: { ...request.options },
      source: held.source,
      destination: held.destination,
      sourceHeldId: held.heldIds.source,
      destinationHeldId: held.heldIds.destination,
      ...times,
      nextPassAt: times.startAt,
      passesStarted: 0,
      error: null,
      createdAt: now,
      endedAt: null,
    };
    try {
      await this.store.transaction((tx) => this.store.save(tx, schedule));
    } catch (error) {
      await this.credentials.release(schedule);
      throw error;
    }
    this.logger.log(`Schedule ${id} created: first pass at ${times.startAt.toISOString()}`);
    void this.runner.kick();
    return id;
  }

  /** The final pass runs as soon as the current pass ended, or now when none runs. */
  async finalPass(id: string): Promise<void> {
    await this.change(id, (schedule) => {
      const refusal = finalPassRefusal(schedule.state);
      if (refusal) throw new ConflictError(refusal);
      Object.assign(schedule, { state: 'final-requested', nextPassAt: null });
    });
    this.logger.log(`Schedule ${id}: final pass asked for`);
    void this.runner.kick();
  }

  /** Stops the schedule and the pass it runs, and lets go of its credentials. */
  async cancel(id: string): Promise<void> {
    let running: string | null = null;
    const schedule = await this.change(id, async (schedule, tx) => {
      if (scheduleEnded(schedule.state))
        throw new ConflictError(`The schedule is ${schedule.state}`);
      Object.assign(schedule, { state: 'cancelled', endedAt: new Date(), nextPassAt: null });
      const latest = await this.store.latestPass(tx, id);
      running = latest && !latest.ended ? latest.jobId : null;
    });
    // A pass that ended meanwhile answers 409: there is nothing left to stop.
    if (running) await this.jobs.cancel(running).catch(() => undefined);
    await this.credentials.release(schedule);
    this.logger.log(`Schedule ${id} cancelled`);
  }

  /** Under the schedule's lock (waiting for a tick that holds it). */
  private change(
    id: string,
    edit: (schedule: ScheduleEntity, tx: EntityManager) => unknown,
  ): Promise<ScheduleEntity> {
    return this.store.transaction(async (tx) => {
      const schedule = isUUID(id) ? await this.store.lock(tx, id, false) : null;
      if (!schedule) throw new NotFoundError(NO_SUCH_SCHEDULE);
      await edit(schedule, tx);
      await this.store.save(tx, schedule);
      return schedule;
    });
  }
}
