import {
  CopyTask,
  JobCancel,
  JobFinished,
  serverLimits,
  SUBJECTS,
  TaskCounts,
} from '@btsx/contracts';
import { FolderCopier, SessionSide, throttleBackoff, withSessionPair } from '@btsx/imap';
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
import { CopierMetrics, TaskMetrics, TaskOutcome } from './copier-metrics';
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
    private readonly metrics: CopierMetrics,
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
      AbortSignal.any([signal, ctx.shutdownSignal]),
    );
    const metrics = this.metrics.startTask(this.checkpoints);
    const heartbeatMs = this.config.COPIER_TASK_ACK_WAIT_MS / HEARTBEATS_PER_ACK_WAIT;
    const heartbeat = setInterval(() => {
      ctx.working();
      void logins.renew().catch(() => undefined);
    }, heartbeatMs);
    const progress = new ProgressReporter(this.bus, task);
    try {
      this.logger.log(`Task ${task.taskId}: ${task.sourceFolder} (delivery ${ctx.deliveryCount})`);
      const sessions = this.sessions(task, logins, metrics);
      const result = await withSessionPair(sessions, (source, destination) =>
        new FolderCopier({
          source,
          destination,
          checkpoints: metrics,
          onProgress: (counts: TaskCounts) => progress.report(counts),
          signal,
          stopBetweenBatches: ctx.shutdownSignal,
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
      metrics.end('finished');
    } catch (error) {
      const outcome = outcomeOf(error, signal, ctx);
      metrics.end(outcome, error);
      if (outcome === 'stopped') return this.reportStopped(task, progress.last);
      if (outcome === 'retried') throw this.announceThrottle(task, error);
      if (outcome !== 'failed') throw error;
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

  /** A throttled task waits what the server asked (capped) before its retry, and says so. */
  private announceThrottle(task: CopyTask, error: unknown): unknown {
    const backoff = throttleBackoff(error, this.config.COPIER_MAX_THROTTLE_WAIT_MS);
    if (!backoff) return error;
    const { jobId, taskId } = task;
    const waitMs = backoff.retryAfterMs ?? 0;
    this.bus.broadcast(SUBJECTS.taskThrottled, { jobId, taskId, waitMs });
    return backoff;
  }

  /** A cancelled task's last counts, durably: the job reports what was really copied. */
  private async reportStopped(task: CopyTask, counts: TaskCounts | undefined): Promise<void> {
    if (!counts) return;
    const { jobId, taskId } = task;
    await this.bus.publish(SUBJECTS.taskStopped, { jobId, taskId, counts }, `stopped:${taskId}`);
  }

  private sessions(task: CopyTask, logins: LeasedLogins, metrics: TaskMetrics) {
    const resolve = logins.resolver(CONNECTIONS_PER_TASK);
    return {
      resolveLogin: async (credentialId: string, side: SessionSide) => {
        const login = await resolve(credentialId, side);
        metrics.connectionsOpened(CONNECTIONS_PER_TASK[side]);
        return login;
      },
      sourceCredentialId: task.sourceCredentialId,
      destinationCredentialId: task.destinationCredentialId,
      allowPrivateHosts: this.config.BTSX_ALLOW_PRIVATE_HOSTS,
      commandTimeoutMs: this.config.IMAP_COMMAND_TIMEOUT_MS,
    };
  }
}

/**
 * What a run that threw means: cancelled by the user, handed back to another copier because
 * this one shuts down (a nak with no delay), retried later, or failed for good.
 */
function outcomeOf(error: unknown, cancelled: AbortSignal, ctx: JetStreamContext): TaskOutcome {
  if (cancelled.aborted) return 'stopped';
  if (isPermanent(error)) return 'failed';
  if (ctx.shutdownSignal.aborted) return 'handed_back';
  return ctx.deliveryCount < COPY_ATTEMPTS ? 'retried' : 'failed';
}
