import { FolderAudit, JobAuditRequested, SUBJECTS } from '@btsx/contracts';
import { withSessionPair } from '@btsx/imap';
import {
  BusClient,
  ConnectionLeases,
  isPermanent,
  JetStreamContext,
  JobCancellations,
  LeasedLogins,
} from '@btsx/platform';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DiscoveryConfig } from '../discovery-config';
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
    private readonly cancellations: JobCancellations,
    private readonly leases: ConnectionLeases,
    private readonly config: DiscoveryConfig,
  ) {}

  @EventPattern(SUBJECTS.jobAuditRequested)
  async audit(@Payload() request: JobAuditRequested, @Ctx() ctx: JetStreamContext): Promise<void> {
    if (await this.cancellations.isCancelled(request.jobId)) return;
    const { signal, end } = this.cancellations.begin(request.jobId);
    const logins = new LeasedLogins(
      this.bus,
      this.leases,
      this.config.IMAP_MAX_CONNECTIONS_PER_ACCOUNT,
      signal,
    );
    const heartbeat = setInterval(() => {
      ctx.working();
      void logins.renew().catch(() => undefined);
    }, HEARTBEAT_MS);
    try {
      this.logger.log(`Auditing job ${request.jobId} (delivery ${ctx.deliveryCount})`);
      const folders = await withSessionPair(this.sessions(request, logins), (source, destination) =>
        new JobAuditor(source, destination, signal, () => ctx.working()).audit(request),
      );
      await this.publish(request, folders);
    } catch (error) {
      if (signal.aborted) return;
      if (!isPermanent(error) && ctx.deliveryCount < AUDIT_ATTEMPTS) throw error;
      await this.publish(request, [], error instanceof Error ? error.message : String(error));
    } finally {
      clearInterval(heartbeat);
      end();
      await logins.release();
    }
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

  private sessions(request: JobAuditRequested, logins: LeasedLogins) {
    return {
      resolveLogin: logins.resolver({ source: 1, destination: 1 }),
      sourceCredentialId: request.sourceCredentialId,
      destinationCredentialId: request.destinationCredentialId,
      allowPrivateHosts: this.config.BTSX_ALLOW_PRIVATE_HOSTS,
    };
  }
}
