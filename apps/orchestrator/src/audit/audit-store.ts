import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { JobEntity } from '../jobs/job.entity';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';
import { AuditFindingEntity } from './audit-finding.entity';
import { JobAuditEntity } from './job-audit.entity';

/** The job_audits table, each method on the caller's transaction unless it says otherwise. */
@Injectable()
export class AuditStore {
  constructor(private readonly db: DataSource) {}

  /**
   * A new running audit of `job` (`id`: chosen by the caller when fresh logins were claimed
   * for it first). Only the latest audit's report is ever served: the findings of the job's
   * earlier ones go.
   */
  async start(
    tx: EntityManager,
    job: JobEntity,
    trigger: JobAuditEntity['trigger'],
    { id = randomUUID(), deep = false }: { id?: string; deep?: boolean } = {},
  ): Promise<JobAuditEntity> {
    await tx
      .createQueryBuilder()
      .delete()
      .from(AuditFindingEntity)
      .where(
        `audit_id IN (SELECT id FROM ${ORCHESTRATOR_SCHEMA}.job_audits WHERE job_id = :jobId)`,
        { jobId: job.id },
      )
      .execute();
    const audit = tx.getRepository(JobAuditEntity).create({
      id,
      jobId: job.id,
      trigger,
      state: 'running',
      deleteSource: job.options.deleteSource,
      deep,
      published: false,
      requestedAt: new Date(),
      finishedAt: null,
      error: null,
      totals: null,
      reportAttempt: null,
      folders: [],
    });
    return tx.getRepository(JobAuditEntity).save(audit);
  }

  latest(tx: EntityManager, jobId: string): Promise<JobAuditEntity | null> {
    return tx
      .getRepository(JobAuditEntity)
      .findOne({ where: { jobId }, order: { requestedAt: 'DESC' } });
  }

  find(tx: EntityManager, jobId: string, id: string): Promise<JobAuditEntity | null> {
    return tx.getRepository(JobAuditEntity).findOneBy({ jobId, id });
  }

  /**
   * FOR UPDATE: a part of its report being stored (which holds the row FOR SHARE) is in
   * before the audit is recorded, and any part after it finds the audit no longer running.
   */
  lock(tx: EntityManager, jobId: string, id: string): Promise<JobAuditEntity | null> {
    return tx
      .getRepository(JobAuditEntity)
      .findOne({ where: { jobId, id }, lock: { mode: 'pessimistic_write' } });
  }

  async save(tx: EntityManager, audit: JobAuditEntity): Promise<void> {
    await tx.getRepository(JobAuditEntity).save(audit);
  }

  /** Running audits whose request is not yet in JetStream (outside any transaction). */
  unpublished(jobId: string): Promise<JobAuditEntity[]> {
    return this.db
      .getRepository(JobAuditEntity)
      .findBy({ jobId, state: 'running', published: false });
  }

  async markPublished(id: string): Promise<void> {
    await this.db.getRepository(JobAuditEntity).update({ id }, { published: true });
  }
}
