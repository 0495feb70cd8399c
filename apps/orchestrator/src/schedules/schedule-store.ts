import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { isTerminal, JobStatus } from '@btsx/contracts';
import { SchedulePassEntity } from './schedule-pass.entity';
import { ScheduleEntity } from './schedule.entity';
import { LatestPass } from './schedule-step';

/** Schedules a tick looks at, at most: the rest wait for the next tick. */
const DUE_PER_TICK = 100;

/** Live schedules with something to do: a pass due or running, or the end date reached. */
const DUE = `
  SELECT id FROM orchestrator.schedules
  WHERE ended_at IS NULL
    AND (state IN ('running', 'final-requested') OR next_pass_at <= $1 OR ends_at <= $1)
  ORDER BY next_pass_at NULLS FIRST LIMIT $2`;

const LATEST_PASS = `
  SELECT p.job_id AS "jobId", p.final, j.status
  FROM orchestrator.schedule_passes p JOIN orchestrator.jobs j ON j.id = p.job_id
  WHERE p.schedule_id = $1 ORDER BY p.number DESC LIMIT 1`;

/** The schedules' SQL; the locking ones on the caller's transaction. */
@Injectable()
export class ScheduleStore {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  find(id: string): Promise<ScheduleEntity | null> {
    return this.db.getRepository(ScheduleEntity).findOneBy({ id });
  }

  async dueIds(now: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(DUE, [now, DUE_PER_TICK]);
    return rows.map((r) => r.id);
  }

  /**
   * The schedule under a lock every other replica's scheduler skips (it is busy with it), or
   * waits for (a user's command). FOR NO KEY UPDATE: a pass row inserted meanwhile, in its
   * job's transaction, takes a key-share lock on the schedule and must not wait for this one.
   */
  lock(tx: EntityManager, id: string, skipLocked: boolean): Promise<ScheduleEntity | null> {
    const query = tx
      .getRepository(ScheduleEntity)
      .createQueryBuilder('s')
      .where('s.id = :id', { id })
      .setLock('for_no_key_update');
    return (skipLocked ? query.setOnLocked('skip_locked') : query).getOne();
  }

  async latestPass(tx: EntityManager, scheduleId: string): Promise<LatestPass | null> {
    const rows: { jobId: string; final: boolean; status: JobStatus }[] = await tx.query(
      LATEST_PASS,
      [scheduleId],
    );
    const [row] = rows;
    return row ? { jobId: row.jobId, final: row.final, ended: isTerminal(row.status) } : null;
  }

  async addPass(tx: EntityManager, pass: SchedulePassEntity): Promise<void> {
    await tx.getRepository(SchedulePassEntity).insert(pass);
  }

  async save(tx: EntityManager, schedule: ScheduleEntity): Promise<void> {
    await tx.getRepository(ScheduleEntity).save(schedule);
  }

  /** Ended schedules whose held credentials auth has not confirmed discarded yet. */
  stillHolding(): Promise<ScheduleEntity[]> {
    return this.db.getRepository(ScheduleEntity).findBy({
      endedAt: Not(IsNull()),
      sourceHeldId: Not(IsNull()),
    });
  }

  async forgetHeld(id: string): Promise<void> {
    await this.db
      .getRepository(ScheduleEntity)
      .update({ id }, { sourceHeldId: null, destinationHeldId: null });
  }
}
