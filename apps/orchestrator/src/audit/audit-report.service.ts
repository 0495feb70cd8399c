import { AuditReportRow } from '@btsx/contracts';
import { ConflictError, NotFoundError } from '@btsx/platform';
import { Injectable } from '@nestjs/common';
import { NO_SUCH_JOB, requireUuid } from '../jobs/job-commands.service';
import { JobStore } from '../jobs/job-store';
import { AuditFindingsStore, REPORT_START, ReportCursor } from './audit-findings.store';
import { reportCsv, reportJson } from './audit-report-format';
import { reportRow } from './audit-report-rows';
import { AuditStore } from './audit-store';
import { auditSummary } from './audit-view';
import { JobAuditEntity } from './job-audit.entity';

/** Rows per query: a report of 200,000 findings is read in pages, never held whole. */
export const REPORT_PAGE_ROWS = 1_000;

/** The audit whose report is asked for: the job's latest, and done. */
export interface ReportedAudit {
  jobId: string;
  audit: JobAuditEntity;
}

/** The audit report of a job, as CSV or JSON, written page by page. */
@Injectable()
export class AuditReportService {
  constructor(
    private readonly store: JobStore,
    private readonly audits: AuditStore,
    private readonly findings: AuditFindingsStore,
  ) {}

  /** 404 for no such job; 409 unless its latest audit is done. */
  async open(jobId: string): Promise<ReportedAudit> {
    const id = requireUuid(jobId);
    const { job, audit } = await this.store.snapshot(async (tx) => ({
      job: await this.store.findJob(tx, id),
      audit: await this.audits.latest(tx, id),
    }));
    if (!job) throw new NotFoundError(NO_SUCH_JOB);
    if (!audit) throw new ConflictError('The job was never verified: there is no audit report');
    if (audit.state === 'running') {
      throw new ConflictError('The job is being verified: the report is ready when that ends');
    }
    if (audit.state === 'failed') {
      throw new ConflictError(
        `The latest verification could not run, so there is no report: ${audit.error ?? 'no answer'}`,
      );
    }
    return { jobId: id, audit };
  }

  csv(report: ReportedAudit): AsyncGenerator<string> {
    return reportCsv(this.pages(report));
  }

  json(report: ReportedAudit): AsyncGenerator<string> {
    const head = { jobId: report.jobId, audit: auditSummary(report.audit) };
    return reportJson(head, this.pages(report));
  }

  /** The findings in the report's order, a page per query (keyset on that order). */
  private async *pages({ jobId, audit }: ReportedAudit): AsyncGenerator<AuditReportRow[]> {
    // An auditor without reports, or one whose report is gone with a newer audit.
    if (audit.reportAttempt === null) return;
    const run = { id: audit.id, attempt: audit.reportAttempt };
    let cursor: ReportCursor = REPORT_START;
    for (;;) {
      const page = await this.findings.page(jobId, run, cursor, REPORT_PAGE_ROWS);
      if (page.length > 0) yield page.map(reportRow);
      if (page.length < REPORT_PAGE_ROWS) return;
      cursor = page[page.length - 1];
    }
  }
}
