import {
  CopyTask,
  JobCancel,
  JobCopied,
  JobFinished,
  serverLimits,
  SUBJECTS,
  TaskCounts,
  TaskFinished,
} from '@btsx/contracts';
import { FolderCopier, ImapError, throttleBackoff } from '@btsx/imap';
import {
  BusClient,
  JetStreamContext,
  JobCancellations,
  JobWorkRunner,
  publishJobAttention,
} from '@btsx/platform';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { PostgresCheckpointStore } from './checkpoint-store';
import { PostgresLedger } from './copy-ledger.store';
import { CopierConfig } from './copier-config';
import { ConnectionPool, TaskConnections } from './connection-pool';
import { CopierMetrics, TaskMetrics } from './copier-metrics';
import { ProgressReporter } from './progress-reporter';

/**
 * A throttle wait this long is worth telling the job's owner (job.attention): shorter ones
 * are the everyday pacing of a busy server, which the status page shows anyway.
 */
const ATTENTION_THROTTLE_MS = 60_000;

/** What a finished task reports of its run. */
type TaskResult = Pick<TaskFinished, 'counts' | 'failures' | 'kept' | 'mark' | 'sinceLastPass'>;

@Controller()
export class CopyTaskHandlers {
  private readonly logger = new Logger('copier');

  constructor(
    private readonly bus: BusClient,
    private readonly cancellations: JobCancellations,
    private readonly runner: JobWorkRunner,
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
    const metrics = this.metrics.startTask(this.checkpoints);
    const progress = new ProgressReporter(this.bus, task);
    await this.runner.run(ctx, {
      jobId: task.jobId,
      run: (cancelled) => this.copyFolder(task, ctx, cancelled, metrics, progress),
      giveUp: (reason) => this.reportFailed(task, reason, progress.last),
      stopped: () => this.reportStopped(task, progress.last),
      retryAs: (error) => throttleBackoff(error, this.config.COPIER_MAX_THROTTLE_WAIT_MS) ?? error,
      ended: (outcome, error) => {
        metrics.end(outcome, error);
        if (outcome === 'retried') this.announceThrottle(task, error);
      },
    });
  }

  private async copyFolder(
    task: CopyTask,
    ctx: JetStreamContext,
    cancelled: AbortSignal,
    metrics: TaskMetrics,
    progress: ProgressReporter,
  ): Promise<void> {
    let connections: TaskConnections | undefined;
    try {
      this.logger.log(`Task ${task.taskId}: ${task.sourceFolder} (delivery ${ctx.deliveryCount})`);
      const taken = await this.pool.take(task, AbortSignal.any([cancelled, ctx.shutdownSignal]));
      connections = taken;
      const { source, destination } = taken;
      const result = await new FolderCopier({
        source,
        destination,
        checkpoints: metrics,
        ledger: this.ledger,
        onProgress: (counts: TaskCounts) => progress.report(counts),
        signal: cancelled,
        stopBetweenBatches: ctx.shutdownSignal,
        maxMessageBytes: serverLimits(destination.endpoint).maxMessageBytes,
      }).copy({ ...task, ...task.options, redelivered: ctx.deliveryCount > 1 });
      this.pool.giveBack(connections);
      connections = undefined;
      await this.reportFinished(task, result);
    } finally {
      progress.stop();
      // Still ours: the run failed, and its connections may be broken.
      if (connections) await this.pool.close(connections);
    }
  }

  /** A throttled task's status line says how long it waits before its retry. */
  private announceThrottle(task: CopyTask, error: unknown): void {
    if (!(error instanceof ImapError) || error.kind !== 'throttled') return;
    const { jobId, taskId } = task;
    const waitMs = error.retryAfterMs ?? 0;
    this.bus.broadcast(SUBJECTS.taskThrottled, { jobId, taskId, waitMs });
    if (waitMs >= ATTENTION_THROTTLE_MS) {
      const detail = `A mail server asked to wait ${Math.round(waitMs / 1000)} s before going on`;
      void publishJobAttention(this.bus, jobId, 'throttled', detail);
    }
  }

  private async reportFinished(task: CopyTask, result: TaskResult): Promise<void> {
    const { jobId, taskId } = task;
    const { counts, failures, kept, mark, sinceLastPass } = result;
    await this.bus.publish(
      SUBJECTS.taskFinished,
      { jobId, taskId, counts, failures, kept, mark, sinceLastPass },
      `finished:${taskId}`,
    );
  }

  /** A task given up on, with what it had copied by then. */
  private async reportFailed(task: CopyTask, reason: string, counts: TaskCounts | undefined) {
    const { jobId, taskId } = task;
    await this.bus.publish(
      SUBJECTS.taskFailed,
      { jobId, taskId, reason, permanent: true, counts },
      `failed:${taskId}`,
    );
  }

  /** A cancelled task's last counts, durably: the job reports what was really copied. */
  private async reportStopped(task: CopyTask, counts: TaskCounts | undefined): Promise<void> {
    if (!counts) return;
    const { jobId, taskId } = task;
    await this.bus.publish(SUBJECTS.taskStopped, { jobId, taskId, counts }, `stopped:${taskId}`);
  }
}
