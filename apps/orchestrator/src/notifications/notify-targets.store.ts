import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';
import { NotifyTarget } from './notify-target';
import { NotifyTargetEntity } from './notify-target.entity';

/** Whose notifications: a job's own, or a batch's. */
export type NotifyOwner = { jobId: string } | { batchId: string };

/** A target with its row id, which the outbox rows point at. */
export interface StoredTarget extends NotifyTarget {
  id: string;
  batchId: string | null;
}

const TARGET_COLUMNS = `t.id, t.batch_id AS "batchId", t.email, t.webhook_url AS "webhookUrl",
  t.webhook_secret AS "webhookSecret"`;

/** Where each job's and batch's notifications go. */
@Injectable()
export class NotifyTargetsStore {
  constructor(private readonly db: DataSource) {}

  /** In the transaction that creates the job or batch: both are stored, or neither. */
  async save(tx: EntityManager, owner: NotifyOwner, target: NotifyTarget): Promise<void> {
    await tx.getRepository(NotifyTargetEntity).insert({
      jobId: 'jobId' in owner ? owner.jobId : null,
      batchId: 'batchId' in owner ? owner.batchId : null,
      ...target,
      createdAt: new Date(),
    });
  }

  /** A job's own target; a batch's job has none of its own, its batch's is returned. */
  async ofJob(jobId: string): Promise<StoredTarget | undefined> {
    const rows: StoredTarget[] = await this.db.query(
      `SELECT ${TARGET_COLUMNS} FROM ${ORCHESTRATOR_SCHEMA}.notify_targets t
       WHERE t.job_id = $1
          OR t.batch_id = (SELECT batch_id FROM ${ORCHESTRATOR_SCHEMA}.batch_items
                           WHERE job_id = $1 LIMIT 1)
       ORDER BY t.job_id NULLS LAST LIMIT 1`,
      [jobId],
    );
    return rows[0];
  }

  async byId(id: string): Promise<StoredTarget | undefined> {
    const rows: StoredTarget[] = await this.db.query(
      `SELECT ${TARGET_COLUMNS} FROM ${ORCHESTRATOR_SCHEMA}.notify_targets t WHERE t.id = $1`,
      [id],
    );
    return rows[0];
  }

  async ofBatch(batchId: string): Promise<StoredTarget | undefined> {
    const rows: StoredTarget[] = await this.db.query(
      `SELECT ${TARGET_COLUMNS} FROM ${ORCHESTRATOR_SCHEMA}.notify_targets t WHERE t.batch_id = $1`,
      [batchId],
    );
    return rows[0];
  }

  /** How many jobs a batch's items were given in all (a retry or delta pass adds one each). */
  async batchRuns(batchId: string): Promise<number> {
    const [row]: { runs: string | null }[] = await this.db.query(
      `SELECT sum(runs) AS runs FROM ${ORCHESTRATOR_SCHEMA}.batch_items WHERE batch_id = $1`,
      [batchId],
    );
    return Number(row?.runs ?? 0);
  }
}
