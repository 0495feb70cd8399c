import {
  CopyTask,
  JobCancel,
  JobCopied,
  JobFinished,
  serverLimits,
  SUBJECTS,
  TaskCounts,
} from '@btsx/contracts';
import { FolderCopier, ImapError, throttleBackoff } from '@btsx/imap';
import { BusClient, isPermanent, JetStreamContext, JobCancellations } from '@btsx/platform';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { PostgresCheckpointStore } from './checkpoint-store';
import { PostgresLedger } from './copy-ledger.store';
import { CopierConfig } from './copier-config';
import { ConnectionPool, TaskConnections } from './connection-pool';
import { CopierMetrics, TaskOutcome } from './copier-metrics';
import { ProgressReporter } from './progress-reporter';

/** Deliveries of one task before its failure is reported instead of retried. */
export const COPY_ATTEMPTS = 8;
/**
 * A server that keeps saying it is busy is waited for longer: each wait is the one it asked
 * for (up to COPIER_MAX_THROTTLE_WAIT_MS), so this is hours of patience, not a tight loop.
 */
export const THROTTLED_ATTEMPTS = 40;

/** How many deliveries a task gets when its last run failed with `error`. */
export function attemptsFor(error: unknown): number {
  return error instanceof ImapError && error.kind === 'throttled'
    ? THROTTLED_ATTEMPTS
    : COPY_ATTEMPTS;
}
/** Heartbeats per ack wait: a task stays ours even if one or two are late. */
const HEARTBEATS_PER_ACK_WAIT = 4;

@Controller()
export class CopyTaskHandlers {
  private readonly logger = new Logger('copier');

  constructor(
    private readonly bus: BusClient,
    private readonly cancellations: JobCancellations,
    private readonly checkpoints: PostgresCheckpointStore,
    private readonly ledger: PostgresLedger,
    private readonly config: CopierConfig,
    private readonly metrics: CopierMetrics,
    private readonly pool: ConnectionPool,
  ) {}

  @EventPattern(SUBJECTS.jobCancel)
  cancel(@Payload() event: JobCancel): void {
    this.cancellations.cancel(event.jobId);
  }

  @EventPattern(SUBJECTS.jobCopied)
  async releaseConnections(@Payload() event: JobCopied): Promise<void> {
    await this.pool.forgetJob(event.jobId);
  }

  @EventPattern(SUBJECTS.jobFinished)
  async forgetJob(@Payload() event: JobFinished): Promise<void> {
    await Promise.all([this.checkpoints.deleteJob(event.jobId), this.pool.forgetJob(event.jobId)]);
  }

  @EventPattern(SUBJECTS.copyTask)
  async copy(@Payload() task: CopyTask, @Ctx() ctx: JetStreamContext): Promise<void> {
    if (await this.cancellations.isCancelled(task.jobId)) return;
    const { signal, end } = this.cancellations.begin(task.jobId);
    const metrics = this.metrics.startTask(this.checkpoints);
    let connections: TaskConnections | undefined;
    const heartbeatMs = this.config.COPIER_TASK_ACK_WAIT_MS / HEARTBEATS_PER_ACK_WAIT;
    const heartbeat = setInterval(() => ctx.working(), heartbeatMs);
    const progress = new ProgressReporter(this.bus, task);
    try {
      this.logger.log(`Task ${task.taskId}: ${task.sourceFolder} (delivery ${ctx.deliveryCount})`);
      const taken = await this.pool.take(task, AbortSignal.any([signal, ctx.shutdownSignal]));
      connections = taken;
      const { source, destination } = taken;
      const result = await new FolderCopier({
        source,
        destination,
        openSender: (folder) => taken.openSender(folder),
        checkpoints: metrics,
        ledger: this.ledger,
        onProgress: (counts: TaskCounts) => progress.report(counts),
        signal,
        stopBetweenBatches: ctx.shutdownSignal,
        maxMessageBytes: serverLimits(destination.endpoint).maxMessageBytes,
      }).copy({ ...task, ...task.options, redelivered: ctx.deliveryCount > 1 });
      this.pool.giveBack(connections);
      connections = undefined;
      await this.bus.publish(
        SUBJECTS.taskFinished,
        {
          jobId: task.jobId,
          taskId: task.taskId,
          counts: result.counts,
          failures: result.failures,
          kept: result.kept,
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
      // Still ours: the run failed, and its connections may be broken.
      if (connections) await this.pool.close(connections);
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
}

/**
 * What a run that threw means: cancelled by the user, handed back to another copier because
 * this one shuts down (a nak with no delay), retried later, or failed for good.
 */
function outcomeOf(error: unknown, cancelled: AbortSignal, ctx: JetStreamContext): TaskOutcome {
  if (cancelled.aborted) return 'stopped';
  if (isPermanent(error)) return 'failed';
  if (ctx.shutdownSignal.aborted) return 'handed_back';
  return ctx.deliveryCount < attemptsFor(error) ? 'retried' : 'failed';
}
