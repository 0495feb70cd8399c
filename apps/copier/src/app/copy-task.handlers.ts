import {
  CopyTask,
  JobCancel,
  JobFinished,
  serverLimits,
  SUBJECTS,
  TaskCounts,
} from '@btsx/contracts';
import { FolderCopier, withSessionPair } from '@btsx/imap';
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
import { PostgresCheckpointStore } from './checkpoint-store';
import { CopierConfig } from './copier-config';
import { ProgressReporter } from './progress-reporter';

/** Deliveries of one task before its failure is reported instead of retried. */
export const COPY_ATTEMPTS = 8;
/** A task reads through one source connection and writes through two (session + pipeline). */
const CONNECTIONS_PER_TASK = { source: 1, destination: 2 };
/** Heartbeats per ack wait: a task stays ours even if one or two are late. */
const HEARTBEATS_PER_ACK_WAIT = 4;

@Controller()
export class CopyTaskHandlers {
  private readonly logger = new Logger('copier');

  constructor(
    private readonly bus: BusClient,
    private readonly cancellations: JobCancellations,
    private readonly leases: ConnectionLeases,
    private readonly checkpoints: PostgresCheckpointStore,
    private readonly config: CopierConfig,
  ) {}

  @EventPattern(SUBJECTS.jobCancel)
  cancel(@Payload() event: JobCancel): void {
    this.cancellations.cancel(event.jobId);
  }

  @EventPattern(SUBJECTS.jobFinished)
  async forgetJob(@Payload() event: JobFinished): Promise<void> {
    await this.checkpoints.deleteJob(event.jobId);
  }

  @EventPattern(SUBJECTS.copyTask)
  async copy(@Payload() task: CopyTask, @Ctx() ctx: JetStreamContext): Promise<void> {
    if (await this.cancellations.isCancelled(task.jobId)) return;
    const { signal, end } = this.cancellations.begin(task.jobId);
    const logins = new LeasedLogins(
      this.bus,
      this.leases,
      this.config.IMAP_MAX_CONNECTIONS_PER_ACCOUNT,
      signal,
    );
    const heartbeatMs = this.config.COPIER_TASK_ACK_WAIT_MS / HEARTBEATS_PER_ACK_WAIT;
    const heartbeat = setInterval(() => {
      ctx.working();
      void logins.renew().catch(() => undefined);
    }, heartbeatMs);
    const progress = new ProgressReporter(this.bus, task);
    try {
      this.logger.log(`Task ${task.taskId}: ${task.sourceFolder} (delivery ${ctx.deliveryCount})`);
      const result = await withSessionPair(this.sessions(task, logins), (source, destination) =>
        new FolderCopier({
          source,
          destination,
          checkpoints: this.checkpoints,
          onProgress: (counts: TaskCounts) => progress.report(counts),
          signal,
          maxMessageBytes: serverLimits(destination.endpoint).maxMessageBytes,
        }).copy({ ...task, ...task.options, redelivered: ctx.deliveryCount > 1 }),
      );
      await this.bus.publish(
        SUBJECTS.taskFinished,
        {
          jobId: task.jobId,
          taskId: task.taskId,
          counts: result.counts,
          failures: result.failures,
        },
        `finished:${task.taskId}`,
      );
    } catch (error) {
      if (signal.aborted) return this.reportStopped(task, progress.last);
      if (!isPermanent(error) && ctx.deliveryCount < COPY_ATTEMPTS) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      await this.bus.publish(
        SUBJECTS.taskFailed,
        { jobId: task.jobId, taskId: task.taskId, reason, permanent: true, counts: progress.last },
        `failed:${task.taskId}`,
      );
    } finally {
      clearInterval(heartbeat);
      progress.stop();
      end();
      await logins.release();
    }
  }

  /** A cancelled task's last counts, durably: the job reports what was really copied. */
  private async reportStopped(task: CopyTask, counts: TaskCounts | undefined): Promise<void> {
    if (!counts) return;
    const { jobId, taskId } = task;
    await this.bus.publish(SUBJECTS.taskStopped, { jobId, taskId, counts }, `stopped:${taskId}`);
  }

  private sessions(task: CopyTask, logins: LeasedLogins) {
    return {
      resolveLogin: logins.resolver(CONNECTIONS_PER_TASK),
      sourceCredentialId: task.sourceCredentialId,
      destinationCredentialId: task.destinationCredentialId,
      allowPrivateHosts: this.config.BTSX_ALLOW_PRIVATE_HOSTS,
    };
  }
}
