import { ScheduleState } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { PASS_CHANGE_COLUMNS } from '../../schedules/schedule-view.sql';
import { BatchPassEntity } from './batch-pass.entity';
import { BatchScheduleEntity } from './batch-schedule.entity';

/** Batch schedules a tick looks at, at most: the rest wait for the next tick. */
const DUE_PER_TICK = 100;

/** Live schedules with something to do: a pass due or running, or the end date reached. */
const DUE = `
  SELECT batch_id AS id FROM orchestrator.batch_schedules
  WHERE ended_at IS NULL
    AND (state IN ('running', 'final-requested') OR next_pass_at <= $1 OR ends_at <= $1)
  ORDER BY next_pass_at NULLS FIRST LIMIT $2`;

/** Ended schedules whose batch still holds its stored passwords. */
const ENDED_HOLDING = `
  SELECT s.batch_id AS id FROM orchestrator.batch_schedules s
  JOIN orchestrator.batches b ON b.id = s.batch_id
  WHERE s.ended_at IS NOT NULL AND b.credentials_discarded_at IS NULL`;

/** What a pass's jobs (those its lines started since it began) did, summed. */
const STAMP_END = `
  WITH pass AS (
    SELECT started_at FROM orchestrator.batch_passes WHERE batch_id = $1 AND number = $2),
  sums AS (
    SELECT coalesce(sum(t.copied), 0)::int AS "copied",
      coalesce(sum(t.failed), 0)::int AS "failed", ${PASS_CHANGE_COLUMNS}
    FROM orchestrator.batch_items i
    JOIN orchestrator.jobs j ON j.id = i.job_id
    JOIN orchestrator.job_tasks t ON t.job_id = j.id
    WHERE i.batch_id = $1 AND j.created_at >= (SELECT started_at FROM pass))
  UPDATE orchestrator.batch_passes p SET ended_at = $3, tally = to_jsonb(sums)
  FROM sums WHERE p.batch_id = $1 AND p.number = $2 AND p.ended_at IS NULL`;

/** The batch schedules' SQL; every write on the caller's transaction, under the batch's lock. */
@Injectable()
export class BatchScheduleStore {
  constructor(private readonly db: DataSource) {}

  find(db: EntityManager, batchId: string): Promise<BatchScheduleEntity | null> {
    return db.getRepository(BatchScheduleEntity).findOneBy({ batchId });
  }

  async save(tx: EntityManager, schedule: BatchScheduleEntity): Promise<void> {
    await tx.getRepository(BatchScheduleEntity).save(schedule);
  }

  async dueIds(now: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(DUE, [now, DUE_PER_TICK]);
    return rows.map((r) => r.id);
  }

  async endedHoldingIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(ENDED_HOLDING);
    return rows.map((r) => r.id);
  }

  /** Ends a live schedule (no-op without one). */
  async endSchedule(tx: EntityManager, batchId: string, state: ScheduleState): Promise<void> {
    await tx
      .getRepository(BatchScheduleEntity)
      .update({ batchId, endedAt: IsNull() }, { state, endedAt: new Date(), nextPassAt: null });
  }

  /** Lines waiting to start: what a schedule's first pass runs. */
  async waitingLines(tx: EntityManager, batchId: string): Promise<number> {
    const [row]: { n: number }[] = await tx.query(
      `SELECT count(*)::int AS n FROM orchestrator.batch_items
       WHERE batch_id = $1 AND phase = 'pending'`,
      [batchId],
    );
    return row.n;
  }

  /** Every line's delta passes delete what the source lost, or not. */
  async setMirrorDeletions(tx: EntityManager, batchId: string, mirror: boolean): Promise<void> {
    await tx.query(
      `UPDATE orchestrator.batch_items
       SET options = options || jsonb_build_object('mirrorDeletions', $2::boolean)
       WHERE batch_id = $1`,
      [batchId, mirror],
    );
  }

  latestPass(tx: EntityManager, batchId: string): Promise<BatchPassEntity | null> {
    return tx
      .getRepository(BatchPassEntity)
      .findOne({ where: { batchId }, order: { number: 'DESC' } });
  }

  async addPass(tx: EntityManager, pass: BatchPassEntity): Promise<void> {
    await tx.getRepository(BatchPassEntity).insert(pass);
  }

  /** The pass ended now: its jobs' counts are summed once, into the pass's row. */
  async stampPassEnd(tx: EntityManager, pass: BatchPassEntity, at: Date): Promise<void> {
    await tx.query(STAMP_END, [pass.batchId, pass.number, at]);
  }

  passes(db: EntityManager, batchId: string): Promise<BatchPassEntity[]> {
    return db.getRepository(BatchPassEntity).find({ where: { batchId }, order: { number: 'ASC' } });
  }
}
