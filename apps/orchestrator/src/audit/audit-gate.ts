import { SUBJECTS, wantsAudit } from '@btsx/contracts';
import { BusClient } from '@btsx/platform';
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
 * The audit as the jobs' OutcomeGate. The automatic audit is asked for as soon as the plan is
 * in and follows the copy: the auditor compares each folder once its copy is over
 * (job.audit.copied), so little is left when the last task ends. Then the job becomes
 * `verifying` until the audit's answer gives it its final outcome. `copyStarted`, `stopped`
 * and `settle` run inside the job's locked transaction (JobUpdater).
 */
@Injectable()
export class AuditGate implements OutcomeGate {
  /** Jobs whose audit began with their plan, in a transaction afterCommit has not yet followed. */
  private readonly begun = new Set<string>();
  /** Jobs whose copy just ended, likewise: the copiers may free their idle connections. */
  private readonly copied = new Set<string>();

  constructor(
    private readonly audits: AuditStore,
    private readonly requests: AuditPublisher,
    private readonly bus: BusClient,
  ) {}

  async copyStarted(tx: EntityManager, job: JobEntity): Promise<void> {
    if (!wantsAudit(job.options)) return;
    await this.audits.start(tx, job, 'automatic');
    this.begun.add(job.id);
  }

  /** A cancelled job's audit has nothing left to tell. */
  async stopped(tx: EntityManager, job: JobEntity): Promise<void> {
    const following = await this.audits.runningAutomatic(tx, job.id);
    if (following) await this.audits.drop(tx, following.id);
  }

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
    const following = await this.audits.runningAutomatic(tx, job.id);
    // Every folder failed: there is nothing worth comparing.
    if (copy.status === 'failed' || !wantsAudit(job.options)) {
      if (following) await this.audits.drop(tx, following.id);
      return copy;
    }
    // A job planned before audits followed the copy gets its audit now.
    if (!following) await this.audits.start(tx, job, 'automatic');
    job.status = 'verifying';
    this.copied.add(job.id);
    say(auditStartedLine(folders));
    return null;
  }

  /** Sends the audit requests this job's changes (or a crash, or a failed publish) held back. */
  async afterCommit(job: JobEntity): Promise<void> {
    const begun = this.begun.delete(job.id);
    if (this.copied.delete(job.id)) this.bus.broadcast(SUBJECTS.jobCopied, { jobId: job.id });
    const verifying = job.status === 'verifying';
    if (begun || verifying) await this.requests.publishPending(job.id, !verifying);
  }
}
