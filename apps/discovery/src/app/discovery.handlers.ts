import { JobCancel, JobRequested, SUBJECTS } from '@btsx/contracts';
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
import { DiscoveryConfig } from './discovery-config';
import { JobPlanner } from './job-planner';

/** Deliveries of job.requested before planning gives up and fails the job. */
export const PLANNING_ATTEMPTS = 5;

@Controller()
export class DiscoveryHandlers {
  private readonly logger = new Logger('discovery');

  constructor(
    private readonly bus: BusClient,
    private readonly cancellations: JobCancellations,
    private readonly leases: ConnectionLeases,
    private readonly config: DiscoveryConfig,
  ) {}

  @EventPattern(SUBJECTS.jobCancel)
  cancel(@Payload() event: JobCancel): void {
    this.cancellations.cancel(event.jobId);
  }

  @EventPattern(SUBJECTS.jobRequested)
  async plan(@Payload() job: JobRequested, @Ctx() ctx: JetStreamContext): Promise<void> {
    if (await this.cancellations.isCancelled(job.jobId)) return;
    const { signal, end } = this.cancellations.begin(job.jobId);
    const logins = new LeasedLogins(
      this.bus,
      this.leases,
      this.config.IMAP_MAX_CONNECTIONS_PER_ACCOUNT,
      signal,
    );
    try {
      this.logger.log(`Planning job ${job.jobId} (delivery ${ctx.deliveryCount})`);
      const { planned, tasks } = await withSessionPair(
        this.sessions(job, logins),
        (source, destination) =>
          new JobPlanner(
            source,
            destination,
            signal,
            (task) => this.bus.publish(SUBJECTS.copyTask, task, task.taskId),
            this.config.DISCOVERY_RANGE_MESSAGES,
          ).plan(job),
      );
      signal.throwIfAborted();
      // The tasks went out as their folders were ready; the orchestrator takes events in any order.
      await this.bus.publish(SUBJECTS.jobPlanned, planned, `planned:${job.jobId}`);
      this.logger.log(`Job ${job.jobId}: ${planned.folders.length} folders, ${tasks.length} tasks`);
    } catch (error) {
      if (signal.aborted) return;
      if (!isPermanent(error) && ctx.deliveryCount < PLANNING_ATTEMPTS) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      await this.bus.publish(
        SUBJECTS.jobPlanningFailed,
        { jobId: job.jobId, reason },
        `planning-failed:${job.jobId}`,
      );
    } finally {
      end();
      await logins.release();
    }
  }

  private sessions(job: JobRequested, logins: LeasedLogins) {
    return {
      resolveLogin: logins.resolver({ source: 1, destination: 1 }),
      sourceCredentialId: job.sourceCredentialId,
      destinationCredentialId: job.destinationCredentialId,
      allowPrivateHosts: this.config.BTSX_ALLOW_PRIVATE_HOSTS,
    };
  }
}
