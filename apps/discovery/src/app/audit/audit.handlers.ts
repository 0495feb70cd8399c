import { JobAudited, JobAuditRequested, JobUpdated, SUBJECTS } from '@btsx/contracts';
import { BusClient, JetStreamContext } from '@btsx/platform';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { JobSessions } from '../job-sessions';
import { AuditGoneError, CopyFollower } from './copy-follower';
import { JobAuditor } from './job-auditor';
import { JobChanges } from './job-changes';
import { ReportWriter } from './report-writer';

/** Runs the completeness audit a job asked for and publishes its findings. */
@Controller()
export class AuditHandlers {
  private readonly logger = new Logger('audit');

  constructor(
    private readonly bus: BusClient,
    private readonly jobSessions: JobSessions,
    private readonly changes: JobChanges,
  ) {}

  /** Wakes the audits that follow this job's copy (every replica hears it). */
  @EventPattern(SUBJECTS.jobUpdated)
  jobUpdated(@Payload() event: JobUpdated): void {
    this.changes.changed(event.jobId);
  }

  @EventPattern(SUBJECTS.jobAuditRequested)
  async audit(@Payload() request: JobAuditRequested, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.jobSessions.run(request, ctx, {
      run: async (sessions, signal) => {
        const deep = request.deep ? ' (deep)' : '';
        this.logger.log(`Auditing job ${request.jobId}${deep} (delivery ${ctx.deliveryCount})`);
        // Each delivery writes a report of its own: a run cut short leaves a partial one.
        const { auditId, jobId } = request;
        const report = new ReportWriter(
          { auditId, jobId, attempt: ctx.deliveryCount },
          (part, id) => this.bus.publish(SUBJECTS.jobAuditFindings, part, id),
        );
        const auditor = new JobAuditor(sessions, signal, report, { onFolder: () => ctx.working() });
        const started = performance.now();
        const folders = await this.auditUnlessGone(auditor, request);
        if (!folders) return;
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

  /** The audit's folders, or undefined (and nothing to publish) once it is no longer wanted. */
  private async auditUnlessGone(auditor: JobAuditor, request: JobAuditRequested) {
    try {
      return await auditor.audit(request, this.follower(request));
    } catch (error) {
      if (!(error instanceof AuditGoneError)) throw error;
      this.logger.log(`Job ${request.jobId}: ${error.message}`);
      return undefined;
    }
  }

  /** For an audit asked for while the job copies: its folders as their copy ends. */
  private follower(request: JobAuditRequested): CopyFollower | undefined {
    if (!request.followsCopy) return undefined;
    const { auditId, jobId } = request;
    return new CopyFollower(
      request,
      () => this.bus.request(SUBJECTS.jobAuditCopied, { auditId, jobId }),
      (ms, signal) => this.changes.next(jobId, ms, signal),
    );
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
