import { FolderAudit, JobAuditRequested, SUBJECTS } from '@btsx/contracts';
import { BusClient, JetStreamContext } from '@btsx/platform';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { JobSessions } from '../job-sessions';
import { JobAuditor } from './job-auditor';

/** Deliveries of one audit request before its failure is reported instead of retried. */
export const AUDIT_ATTEMPTS = 5;
/** Well inside JetStream's 30 s ack wait: a long folder keeps the request ours. */
const HEARTBEAT_MS = 7_500;

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
      attempts: AUDIT_ATTEMPTS,
      heartbeatMs: HEARTBEAT_MS,
      run: async (sessions, signal) => {
        this.logger.log(`Auditing job ${request.jobId} (delivery ${ctx.deliveryCount})`);
        const auditor = new JobAuditor(sessions, signal, () => ctx.working());
        const started = performance.now();
        const folders = await auditor.audit(request);
        const ms = Math.round(performance.now() - started);
        const pairs = auditor.sessionPairs;
        this.logger.log(
          `Job ${request.jobId}: ${folders.length} folders read in ${ms} ms over ${pairs} session pairs`,
        );
        await this.publish(request, folders);
      },
      fail: (reason) => this.publish(request, [], reason),
    });
  }

  private async publish(request: JobAuditRequested, folders: FolderAudit[], error?: string) {
    const { auditId, jobId } = request;
    await this.bus.publish(
      SUBJECTS.jobAudited,
      { auditId, jobId, folders, error },
      `${auditId}.audited`,
    );
    this.logger.log(`Job ${jobId} audited${error ? `: failed (${error})` : ''}`);
  }
}
