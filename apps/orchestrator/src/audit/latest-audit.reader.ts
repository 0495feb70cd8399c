import { JobAuditView } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LatestAudit } from '../jobs/latest-audit';
import { AuditStore } from './audit-store';
import { toAuditView } from './audit-view';

/** Reads the job's latest audit for the job's view, from the job_audits table. */
@Injectable()
export class LatestAuditReader implements LatestAudit {
  constructor(private readonly audits: AuditStore) {}

  async view(tx: EntityManager, jobId: string): Promise<JobAuditView | null> {
    return toAuditView(await this.audits.latest(tx, jobId));
  }
}
