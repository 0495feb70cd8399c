import { AuditFinding, JobAuditFindings } from '@btsx/contracts';
import { ReportSink } from './folder-report';

/**
 * Numbers an audit run's report parts and counts their findings, for job.audited to say
 * how many the orchestrator must have stored before the report is whole. Folders audited
 * side by side share one writer: a part's number is taken before it is sent.
 */
export class ReportWriter implements ReportSink {
  private parts = 0;
  private written = 0;

  constructor(
    private readonly run: Pick<JobAuditFindings, 'auditId' | 'jobId' | 'attempt'>,
    private readonly send: (part: JobAuditFindings, msgId: string) => Promise<void>,
  ) {}

  get findings(): number {
    return this.written;
  }

  async write(findings: AuditFinding[]): Promise<void> {
    const part = this.parts++;
    const { auditId, attempt } = this.run;
    await this.send({ ...this.run, part, findings }, `${auditId}.${attempt}.findings.${part}`);
    this.written += findings.length;
  }
}
