import { JobAudited, JobStatus, SUBJECTS } from '@btsx/contracts';
import { BusClient } from '@btsx/platform';
import { Injectable } from '@nestjs/common';
import { JobEntity } from '../database/job.entity';
import { JobUpdater } from '../jobs/job-updater';
import { auditLine, auditTotals, foldersWithFindings } from './audit-outcome';
import { AuditStore } from './audit-store';
import { JobAuditEntity } from './job-audit.entity';

/** Ended jobs whose outcome an audit after the end may change (both ways). */
export const REVERIFIABLE: readonly JobStatus[] = [
  'completed',
  'completed_with_errors',
  'incomplete',
];

/**
 * Records the auditor's answer. An automatic audit releases its `verifying` job; an audit
 * after the end may turn a completed job incomplete, or an incomplete one completed; either
 * way JobUpdater settles the final outcome from the tasks and this audit.
 */
@Injectable()
export class AuditResultsService {
  constructor(
    private readonly updater: JobUpdater,
    private readonly audits: AuditStore,
    private readonly bus: BusClient,
  ) {}

  async record(event: JobAudited): Promise<void> {
    const found: { audit?: JobAuditEntity } = {};
    const job = await this.updater.update(event.jobId, async ({ tx, job, say }) => {
      const audit = await this.audits.find(tx, job.id, event.auditId);
      if (!audit) return;
      found.audit = audit;
      // A repeat: the findings are in, only the purge below may still be owed.
      if (audit.state !== 'running') return;
      audit.state = event.error ? 'failed' : 'done';
      audit.error = event.error ?? null;
      audit.totals = event.error ? null : auditTotals(event.folders, audit.deleteSource);
      audit.folders = foldersWithFindings(event.folders);
      audit.finishedAt = new Date();
      await this.audits.save(tx, audit);
      say(auditLine(audit));
      if (audit.trigger === 'on_demand' && REVERIFIABLE.includes(job.status)) {
        if (job.status === 'incomplete') job.error = null;
        job.status = 'verifying';
      }
    });
    if (job && found.audit?.trigger === 'on_demand') await this.purgeLogins(job, found.audit);
  }

  /**
   * An audit after the end signed in with fresh logins: they go the way the job's own went,
   * through job.finished, which auth purges. The job's own logins go when the job ends.
   */
  private async purgeLogins(job: JobEntity, audit: JobAuditEntity): Promise<void> {
    await this.bus.publish(
      SUBJECTS.jobFinished,
      {
        jobId: job.id,
        status: job.status,
        credentialIds: [audit.sourceCredentialId, audit.destinationCredentialId],
      },
      `${audit.id}.finished`,
    );
  }
}
