import { wantsAudit } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobEntity } from '../jobs/job.entity';
import { Outcome } from '../jobs/job-state';
import { OutcomeGate } from '../jobs/outcome-gate';
import { StatusLine } from '../jobs/status-lines';
import { AuditPublisher } from './audit-publisher';
import { auditedOutcome, auditStartedLine } from './audit-outcome';
import { AuditStore } from './audit-store';

/**
 * The audit as the jobs' OutcomeGate: when the last task is over, the job becomes
 * `verifying` and an audit is asked for; when its answer is in, the job gets its final
 * outcome. `settle` runs inside the job's locked transaction (JobUpdater).
 */
@Injectable()
export class AuditGate implements OutcomeGate {
  constructor(
    private readonly audits: AuditStore,
    private readonly requests: AuditPublisher,
  ) {}

  /** The job's final outcome, or null while its audit runs. */
  async settle(
    tx: EntityManager,
    job: JobEntity,
    copy: Outcome,
    folders: number,
    say: (line: StatusLine) => void,
  ): Promise<Outcome | null> {
    if (job.status === 'verifying') {
      const audit = await this.audits.latest(tx, job.id);
      if (!audit) return copy;
      return audit.state === 'running' ? null : auditedOutcome(copy, audit);
    }
    // Every folder failed: there is nothing worth comparing.
    if (copy.status === 'failed' || !wantsAudit(job.options)) return copy;
    await this.audits.start(tx, job, 'automatic');
    job.status = 'verifying';
    say(auditStartedLine(folders));
    return null;
  }

  /** Sends a verifying job's audit requests that a crash or a failed publish held back. */
  async afterCommit(job: JobEntity): Promise<void> {
    if (job.status === 'verifying') await this.requests.publishPending(job.id);
  }
}
