import { BatchItemsQuery, isTerminal, JOB_STATUSES, JobStatus } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { BatchItemEntity, BatchItemPhase } from './batch-item.entity';
import { BatchEntity, BatchIntent } from './batch.entity';
import { Candidate, HostPair } from './batch-slots';

/** Rows per multi-row INSERT: far below Postgres' 65535 bind parameters. */
const INSERT_CHUNK = 500;
/** Waiting items the scheduler considers per look: more than any concurrency limit. */
const WAITING_WINDOW = 1_000;
/** Job states before the end, as SQL: `('queued', 'running', ...)`. */
const ACTIVE_JOB = `(${JOB_STATUSES.filter((s) => !isTerminal(s))
  .map((s) => `'${s}'`)
  .join(', ')})`;
/** An item whose line is still at work (alias `i`, its job `j` LEFT JOINed). */
const ACTIVE_LINE = `(i.phase IN ('pending', 'starting')
  OR (i.phase = 'started' AND j.status IN ${ACTIVE_JOB}))`;
/** Lines of a batch whose schedule's first pass has not started wait for it (alias `b`). */
const FIRST_PASS_DUE = `NOT EXISTS (SELECT 1 FROM orchestrator.batch_schedules s
  WHERE s.batch_id = b.id AND s.first_pass_full AND s.passes_started = 0)`;

/** A batch the scheduler may start items of. */
export interface RunnableBatch {
  id: string;
  tenantId: string;
}

/** An item with its latest job's state and counts, as views and reports read it. */
export interface BatchItemRow {
  line: number;
  sourceHost: string;
  sourceUsername: string;
  destinationHost: string;
  destinationUsername: string;
  phase: BatchItemPhase;
  jobId: string | null;
  runs: number;
  itemError: string | null;
  jobStatus: JobStatus | null;
  jobError: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  copied: number;
  skipped: number;
  failed: number;
  filtered: number;
  bytes: number;
}

/** The batches' SQL. */
@Injectable()
export class BatchStore {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insert(tx: EntityManager, batch: BatchEntity, items: BatchItemEntity[]): Promise<void> {
    await tx.getRepository(BatchEntity).insert(batch);
    for (let i = 0; i < items.length; i += INSERT_CHUNK) {
      await tx.getRepository(BatchItemEntity).insert(items.slice(i, i + INSERT_CHUNK));
    }
  }

  findBatch(id: string): Promise<BatchEntity | null> {
    return this.db.getRepository(BatchEntity).findOneBy({ id });
  }

  /** Newest first; one tenant's when given. */
  listBatches(tenantId?: string): Promise<BatchEntity[]> {
    return this.db
      .getRepository(BatchEntity)
      .find({ where: tenantId ? { tenantId } : {}, order: { createdAt: 'DESC' } });
  }

  /** The batch's tenant; null when there is no such batch. */
  async tenantOf(id: string): Promise<string | null> {
    const batch = await this.db
      .getRepository(BatchEntity)
      .findOne({ where: { id }, select: { tenantId: true } });
    return batch?.tenantId ?? null;
  }

  /** Serializes every scheduler pass and command of one batch, across replicas. */
  lockBatch(tx: EntityManager, id: string): Promise<BatchEntity | null> {
    return tx
      .getRepository(BatchEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** As lockBatch, but null at once when another transaction holds the batch. */
  lockBatchUnlessBusy(tx: EntityManager, id: string): Promise<BatchEntity | null> {
    return tx
      .getRepository(BatchEntity)
      .createQueryBuilder('b')
      .where('b.id = :id', { id })
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getOne();
  }

  async saveBatch(tx: EntityManager, batch: BatchEntity): Promise<void> {
    await tx.getRepository(BatchEntity).save(batch);
  }

  /** A line waits, is being started, or has a job not yet ended. */
  async hasActiveLines(tx: EntityManager, batchId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM orchestrator.batch_items i
       LEFT JOIN orchestrator.jobs j ON j.id = i.job_id
       WHERE i.batch_id = $1 AND ${ACTIVE_LINE} LIMIT 1`,
      [batchId],
    );
    return rows.length > 0;
  }

  /**
   * The batch's stored credentials leave it: the items forget their ids, the batch says when
   * and why; answers the ids, for auth to discard (after the transaction).
   */
  async forgetCredentials(tx: EntityManager, batch: BatchEntity, why: string): Promise<string[]> {
    const rows: { source: string | null; destination: string | null }[] = await tx.query(
      `SELECT source_credential_id AS source, destination_credential_id AS destination
       FROM orchestrator.batch_items WHERE batch_id = $1`,
      [batch.id],
    );
    await tx
      .getRepository(BatchItemEntity)
      .update({ batchId: batch.id }, { sourceCredentialId: null, destinationCredentialId: null });
    if (!batch.credentialsDiscardedAt) {
      Object.assign(batch, { credentialsDiscardedAt: new Date(), credentialsDiscardedWhy: why });
    }
    return rows.flatMap((r) => [r.source, r.destination]).filter((c): c is string => c !== null);
  }

  /**
   * Batches that may hold passwords past their time: none discarded, not cancelled, no live
   * schedule, nothing at work, and the last pass not known to have ended after `cutoff`.
   */
  async expiryCandidateIds(cutoff: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT b.id FROM orchestrator.batches b
       WHERE b.credentials_discarded_at IS NULL AND b.intent <> 'cancelled'
         AND (b.last_pass_ended_at IS NULL OR b.last_pass_ended_at < $1)
         AND NOT EXISTS (SELECT 1 FROM orchestrator.batch_schedules s
                         WHERE s.batch_id = b.id AND s.ended_at IS NULL)
         AND NOT EXISTS (SELECT 1 FROM orchestrator.batch_items i
                         LEFT JOIN orchestrator.jobs j ON j.id = i.job_id
                         WHERE i.batch_id = b.id AND ${ACTIVE_LINE})`,
      [cutoff],
    );
    return rows.map((r) => r.id);
  }

  /** When the last of the batch's lines' jobs ended; null when none is left to say. */
  async lastJobEnd(tx: EntityManager, batchId: string): Promise<Date | null> {
    const [row]: { at: Date | null }[] = await tx.query(
      `SELECT max(j.finished_at) AS at FROM orchestrator.batch_items i
       JOIN orchestrator.jobs j ON j.id = i.job_id WHERE i.batch_id = $1`,
      [batchId],
    );
    return row?.at ?? null;
  }

  /** Batches that want to run and have items waiting (a schedule's first pass due), oldest first. */
  runnableBatches(): Promise<RunnableBatch[]> {
    return this.db.query(
      `SELECT b.id, b.tenant_id AS "tenantId" FROM orchestrator.batches b
       WHERE b.intent = 'running' AND ${FIRST_PASS_DUE}
         AND EXISTS (SELECT 1 FROM orchestrator.batch_items i
                     WHERE i.batch_id = b.id AND i.phase = 'pending')
       ORDER BY b.created_at, b.id`,
    );
  }

  /**
   * Locks the tenant's row (its batches' fills take turns across replicas, so its cap
   * holds) and answers its room: its cap (`defaultCap` unless it has its own) less the
   * jobs of all its batches being started, queued or running. 0 for a tenant gone.
   */
  async lockTenantRoom(tx: EntityManager, tenantId: string, defaultCap: number): Promise<number> {
    const [tenant]: { concurrency: number | null }[] = await tx.query(
      `SELECT concurrency FROM orchestrator.tenants WHERE id = $1 FOR UPDATE`,
      [tenantId],
    );
    if (!tenant) return 0;
    const [{ active }]: { active: number }[] = await tx.query(
      `SELECT count(*)::int AS active
       FROM orchestrator.batch_items i
       JOIN orchestrator.batches b ON b.id = i.batch_id
       LEFT JOIN orchestrator.jobs j ON j.id = i.job_id
       WHERE b.tenant_id = $1
         AND (i.phase = 'starting' OR (i.phase = 'started' AND j.status IN ${ACTIVE_JOB}))`,
      [tenantId],
    );
    return (tenant.concurrency ?? defaultCap) - active;
  }

  /** Batches with a job at work: the ones whose throughput is sampled. */
  async busyBatchIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT DISTINCT i.batch_id AS id FROM orchestrator.batch_items i
       JOIN orchestrator.jobs j ON j.id = i.job_id
       WHERE i.phase = 'started' AND j.status IN ${ACTIVE_JOB}`,
    );
    return rows.map((r) => r.id);
  }

  /** Items being started or whose job is queued or running. */
  activeHosts(tx: EntityManager, batchId: string): Promise<HostPair[]> {
    return tx.query(
      `SELECT i.source_host AS "sourceHost", i.destination_host AS "destinationHost"
       FROM orchestrator.batch_items i
       LEFT JOIN orchestrator.jobs j ON j.id = i.job_id
       WHERE i.batch_id = $1
         AND (i.phase = 'starting' OR (i.phase = 'started' AND j.status IN ${ACTIVE_JOB}))`,
      [batchId],
    );
  }

  waiting(tx: EntityManager, batchId: string): Promise<Candidate[]> {
    return tx.query(
      `SELECT line, source_host AS "sourceHost", destination_host AS "destinationHost"
       FROM orchestrator.batch_items WHERE batch_id = $1 AND phase = 'pending'
       ORDER BY line LIMIT ${WAITING_WINDOW}`,
      [batchId],
    );
  }

  /** Moves these items to a phase and answers them. */
  async setPhase(
    tx: EntityManager,
    batchId: string,
    lines: number[],
    phase: BatchItemPhase,
  ): Promise<BatchItemEntity[]> {
    if (lines.length === 0) return [];
    const repo = tx.getRepository(BatchItemEntity);
    await repo.update({ batchId, line: In(lines) }, { phase, phaseChangedAt: new Date() });
    return repo.find({ where: { batchId, line: In(lines) }, order: { line: 'ASC' } });
  }

  /**
   * Records how starting an item went, under the batch's lock: a cancel either saw this
   * item's job or is seen here (an item that could not start in a cancelled batch never
   * will). Touches nothing else a concurrent command may change; answers the batch's intent.
   */
  async saveStart(item: BatchItemEntity): Promise<BatchIntent | undefined> {
    return this.transaction(async (tx) => {
      const intent = (await this.lockBatch(tx, item.batchId))?.intent;
      if (intent === 'cancelled' && item.phase === 'pending') item.phase = 'cancelled';
      const { batchId, line, phase, jobId, runs, error, phaseChangedAt } = item;
      await tx
        .getRepository(BatchItemEntity)
        .update({ batchId, line }, { phase, jobId, runs, error, phaseChangedAt });
      return intent;
    });
  }

  items(tx: EntityManager, batchId: string, phases?: BatchItemPhase[]): Promise<BatchItemEntity[]> {
    return tx.getRepository(BatchItemEntity).find({
      where: { batchId, ...(phases ? { phase: In(phases) } : {}) },
      order: { line: 'ASC' },
    });
  }

  /**
   * Items left in `starting` by a process that died while starting them. Their job may
   * exist already, so they run again with Replace Existing: nothing gets copied twice.
   * Those of a batch cancelled meanwhile never run.
   */
  async recoverStale(olderThan: Date): Promise<number> {
    const [, affected] = (await this.db.query(
      `UPDATE orchestrator.batch_items i
       SET phase = CASE WHEN b.intent = 'cancelled' THEN 'cancelled' ELSE 'pending' END,
           phase_changed_at = now(),
           options = i.options || '{"reconcileExisting": true}'::jsonb
       FROM orchestrator.batches b
       WHERE b.id = i.batch_id AND i.phase = 'starting' AND i.phase_changed_at < $1`,
      [olderThan],
    )) as [unknown, number];
    return affected;
  }

  /** Every item of the batch with its latest job's state and counts, in CSV order. */
  itemRows(batchId: string, filter: BatchItemsQuery = {}): Promise<BatchItemRow[]> {
    const params: unknown[] = [batchId];
    const where = ['i.batch_id = $1'];
    if (filter.host) {
      params.push(filter.host.toLowerCase());
      where.push(`(lower(i.source_host) = $${params.length}
                   OR lower(i.destination_host) = $${params.length})`);
    }
    if (filter.q) {
      params.push(`%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const p = `$${params.length}`;
      where.push(`(lower(i.source_username) LIKE ${p} OR lower(i.destination_username) LIKE ${p}
                   OR lower(i.source_host) LIKE ${p} OR lower(i.destination_host) LIKE ${p})`);
    }
    return this.db.query(
      `SELECT i.line, i.source_host AS "sourceHost", i.source_username AS "sourceUsername",
              i.destination_host AS "destinationHost",
              i.destination_username AS "destinationUsername",
              i.phase, i.job_id AS "jobId", i.runs, i.error AS "itemError",
              j.status AS "jobStatus", j.error AS "jobError",
              j.started_at AS "startedAt", j.finished_at AS "finishedAt",
              coalesce(t.copied, 0)::int AS copied, coalesce(t.skipped, 0)::int AS skipped,
              coalesce(t.failed, 0)::int AS failed, coalesce(t.filtered, 0)::int AS filtered,
              coalesce(t.bytes, 0)::float8 AS bytes
       FROM orchestrator.batch_items i
       LEFT JOIN orchestrator.jobs j ON j.id = i.job_id
       LEFT JOIN LATERAL (
         SELECT sum(copied) AS copied, sum(skipped) AS skipped, sum(failed) AS failed,
                sum(filtered) AS filtered, sum(bytes) AS bytes
         FROM orchestrator.job_tasks WHERE job_id = i.job_id) t ON true
       WHERE ${where.join(' AND ')}
       ORDER BY i.line`,
      params,
    );
  }
}
