import { canVerifyAgain, JobAudited, SUBJECTS } from '@btsx/contracts';
import { BusClient, NotYetError } from '@btsx/platform';
import { Injectable } from '@nestjs/common';
import { JobEntity } from '../jobs/job.entity';
import { JobUpdater } from '../jobs/job-updater';
import {
  auditLine,
  auditTotals,
  foldersWithFindings,
  reportIncompleteLine,
  reportState,
} from './audit-outcome';
import { AuditFindingsStore } from './audit-findings.store';
import { AuditStore } from './audit-store';
import { JobAuditEntity, loginsOf } from './job-audit.entity';

/** Not an error of the answer: its report's parts are still on their way, so it comes back. */
export class ReportNotWholeError extends NotYetError {
  constructor(auditId: string, stored: number, expected: number) {
    super(
      `The report of audit ${auditId} is not whole yet: ${stored} of ${expected} findings stored`,
    );
  }
}

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
    private readonly findings: AuditFindingsStore,
    private readonly bus: BusClient,
  ) {}

  /**
   * `delivery` counts the deliveries of job.audited. An answer with `attempt` is recorded
   * once the findings that run published are all stored (other runs' go); one without
   * (an older auditor, an audit that could not run) has no report.
   */
  async record(event: JobAudited, delivery = 1): Promise<void> {
    const found: { audit?: JobAuditEntity } = {};
    const job = await this.updater.update(event.jobId, async ({ tx, job, say }) => {
      const audit = await this.audits.lock(tx, job.id, event.auditId);
      if (!audit) return;
      found.audit = audit;
      // A repeat: the findings are in, only the purge below may still be owed.
      if (audit.state !== 'running') return;
      const report = event.error ? null : (event.attempt ?? null);
      if (report !== null) {
        const stored = await this.findings.count(tx, audit.id, report);
        const expected = event.findings ?? 0;
        const state = reportState(stored, expected, delivery);
        if (state === 'wait') throw new ReportNotWholeError(audit.id, stored, expected);
        if (state === 'partial') say(reportIncompleteLine(stored, expected));
      }
      await this.findings.keepOnly(tx, audit.id, report);
      audit.reportAttempt = report;
      audit.state = event.error ? 'failed' : 'done';
      audit.error = event.error ?? null;
      audit.totals = event.error ? null : auditTotals(event.folders, audit.deleteSource);
      audit.folders = foldersWithFindings(event.folders);
      audit.finishedAt = new Date();
      await this.audits.save(tx, audit);
      say(auditLine(audit));
      if (audit.trigger === 'on_demand' && canVerifyAgain(job.status)) {
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
        credentialOwner: loginsOf(audit),
      },
      `${audit.id}.finished`,
    );
  }
}
