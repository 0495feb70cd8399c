import { JobCancel, jobLogins, JobRequested, SUBJECTS } from '@btsx/contracts';
import { BusClient, JetStreamContext, JobCancellations } from '@btsx/platform';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DiscoveryConfig } from './discovery-config';
import { JobPlanner } from './job-planner';
import { JobSessions, OpenSessions } from './job-sessions';

@Controller()
export class DiscoveryHandlers {
  private readonly logger = new Logger('discovery');

  constructor(
    private readonly bus: BusClient,
    private readonly cancellations: JobCancellations,
    private readonly jobSessions: JobSessions,
    private readonly config: DiscoveryConfig,
  ) {}

  @EventPattern(SUBJECTS.jobCancel)
  cancel(@Payload() event: JobCancel): void {
    this.cancellations.cancel(event.jobId);
  }

  @EventPattern(SUBJECTS.jobRequested)
  async plan(@Payload() job: JobRequested, @Ctx() ctx: JetStreamContext): Promise<void> {
    const accounts = { jobId: job.jobId, logins: jobLogins(job.jobId) };
    const work = {
      run: async (sessions: OpenSessions, signal: AbortSignal) => {
        this.logger.log(`Planning job ${job.jobId} (delivery ${ctx.deliveryCount})`);
        await sessions(async (source, destination, writer) => {
          const { planned, tasks } = await new JobPlanner(
            source,
            destination,
            signal,
            (task) => this.bus.publish(SUBJECTS.copyTask, task, task.taskId),
            { rangeMessages: this.config.DISCOVERY_RANGE_MESSAGES, writer },
          ).plan(job);
          signal.throwIfAborted();
          // The tasks went out as their folders were ready; the orchestrator takes events in
          // any order. Published before the logouts, which need not hold the plan up.
          await this.bus.publish(SUBJECTS.jobPlanned, planned, `planned:${job.jobId}`);
          this.logger.log(
            `Job ${job.jobId}: ${planned.folders.length} folders, ${tasks.length} tasks`,
          );
        });
      },
      giveUp: (reason: string) =>
        this.bus.publish(
          SUBJECTS.jobPlanningFailed,
          { jobId: job.jobId, reason },
          `planning-failed:${job.jobId}`,
        ),
    };
    await this.jobSessions.run(accounts, ctx, work, { folderWriter: true });
  }
}
