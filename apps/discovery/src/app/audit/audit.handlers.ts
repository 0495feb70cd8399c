import { JobAudited, JobAuditRequested, SUBJECTS } from '@btsx/contracts';
import { BusClient, JetStreamContext } from '@btsx/platform';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { JobSessions } from '../job-sessions';
import { JobAuditor } from './job-auditor';
import { ReportWriter } from './report-writer';

/** Runs the completeness audit a job asked for and publishes its findings. */
@Controller()
export class AuditHandlers {
  private readonly logger = new Logger('audit');

  constructor(
    private readonly bus: BusClient,
    private readonly jobSessions: JobSessions,
  ) {}

  @EventPattern(SUBJECTS.jobAuditRequested)
  async audit(@Payload() request: JobAuditRequested, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.jobSessions.run(request, ctx, {
      run: async (sessions, signal, readers) => {
        const deep = request.deep ? ' (deep)' : '';
        this.logger.log(`Auditing job ${request.jobId}${deep} (delivery ${ctx.deliveryCount})`);
        // Each delivery writes a report of its own: a run cut short leaves a partial one.
        const { auditId, jobId } = request;
        const report = new ReportWriter(
          { auditId, jobId, attempt: ctx.deliveryCount },
          (part, id) => this.bus.publish(SUBJECTS.jobAuditFindings, part, id),
        );
        const onFolder = () => ctx.working();
        const auditor = new JobAuditor(sessions, signal, report, { onFolder, readers });
        const started = performance.now();
        const folders = await auditor.audit(request);
        const ms = Math.round(performance.now() - started);
        const pairs = auditor.sessionPairs;
        this.logger.log(
          `Job ${jobId}: ${folders.length} folders read in ${ms} ms over ${pairs} session pairs`,
        );
        const outcome = { folders, attempt: ctx.deliveryCount, findings: report.findings };
        await this.publish(request, outcome);
      },
      giveUp: (reason) => this.publish(request, { folders: [] }, reason),
    });
  }

  private async publish(
    request: JobAuditRequested,
    outcome: Pick<JobAudited, 'folders' | 'attempt' | 'findings'>,
    error?: string,
  ) {
    const { auditId, jobId } = request;
    await this.bus.publish(
      SUBJECTS.jobAudited,
      { auditId, jobId, ...outcome, error },
      `${auditId}.audited`,
    );
    this.logger.log(`Job ${jobId} audited${error ? `: failed (${error})` : ''}`);
  }
}
