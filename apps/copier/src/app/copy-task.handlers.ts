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
import { pacedDestination } from './pacing/paced-destination';
import { JobRates } from './pacing/job-rates';
import { QuotaReachedError } from './pacing/quota-reached.error';
import { TaskPacers } from './pacing/task-pacers';
import { ProgressReporter } from './progress-reporter';
import type { TransferPacer } from './pacing/transfer-pacer';

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
    private readonly pacers: TaskPacers,
    private readonly rates: JobRates,
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
    this.rates.forget(event.jobId);
    await Promise.all([this.checkpoints.deleteJob(event.jobId), this.pool.forgetJob(event.jobId)]);
  }

  @EventPattern(SUBJECTS.copyTask)
  async copy(@Payload() task: CopyTask, @Ctx() ctx: JetStreamContext): Promise<void> {
    const metrics = this.metrics.startTask(this.checkpoints);
    const progress = new ProgressReporter(this.bus, task);
    let waitsForQuota = false;
    await this.runner.run(ctx, {
      jobId: task.jobId,
      run: async (cancelled) => {
        waitsForQuota = await this.copyFolder(task, ctx, cancelled, metrics, progress);
      },
      giveUp: (reason) => this.reportFailed(task, reason, progress.last),
      stopped: () => this.reportStopped(task, progress.last),
      retryAs: (error) => throttleBackoff(error, this.config.COPIER_MAX_THROTTLE_WAIT_MS) ?? error,
      ended: (outcome, error) => {
        metrics.end(waitsForQuota ? 'handed_back' : outcome, error);
        if (outcome === 'retried') this.announceThrottle(task, error);
      },
    });
  }

  /** Copies the task's folder; true when it stopped to wait for a transfer quota. */
  private async copyFolder(
    task: CopyTask,
    ctx: JetStreamContext,
    cancelled: AbortSignal,
    metrics: TaskMetrics,
    progress: ProgressReporter,
  ): Promise<boolean> {
    let connections: TaskConnections | undefined;
    let pacer: TransferPacer | undefined;
    try {
      this.logger.log(`Task ${task.taskId}: ${task.sourceFolder} (delivery ${ctx.deliveryCount})`);
      const stop = AbortSignal.any([cancelled, ctx.shutdownSignal]);
      const taken = await this.pool.take(task, stop);
      connections = taken;
      const { source, destination } = taken;
      const accounts = { source: source.endpoint, destination: destination.endpoint };
      pacer = this.pacers.forTask(task, accounts, stop, (held) => this.announceQuota(task, held));
      const result = await new FolderCopier({
        source,
        destination: pacedDestination(destination, pacer),
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
      return false;
    } catch (error) {
      if (!(error instanceof QuotaReachedError)) throw error;
      await this.waitForQuota(task, ctx, error);
      return true;
    } finally {
      await pacer?.close().catch(() => undefined);
      progress.stop();
      // Still ours: the run failed, and its connections may be broken.
      if (connections) await this.pool.close(connections);
    }
  }

  /**
   * A task that reached an account's quota goes on by itself when the quota allows: published
   * again with that time (this delivery is then acknowledged), so waits of hours, however many,
   * never use up its deliveries. The copy of it is deduplicated by this message's sequence,
   * should this copier die before the acknowledgement and the task come back to it.
   */
  private async waitForQuota(
    task: CopyTask,
    ctx: JetStreamContext,
    reached: QuotaReachedError,
  ): Promise<void> {
    const { taskId } = task;
    this.logger.log(`Task ${taskId}: ${reached.message}`);
    const msgId = `quota:${taskId}:${ctx.streamSequence}`;
    await this.bus.publish(SUBJECTS.copyTask, task, msgId, new Date(reached.resumesAt));
    this.announceQuota(task, reached);
  }

  /** The job's status line, and what a notifier hears, of a task waiting for a quota. */
  private announceQuota({ jobId, taskId }: CopyTask, wait: QuotaReachedError): void {
    const { provider, direction } = wait;
    const waitMs = Math.max(0, wait.resumesAt - Date.now());
    const quota = { provider, direction, resumesAt: new Date(wait.resumesAt).toISOString() };
    this.bus.broadcast(SUBJECTS.taskThrottled, { jobId, taskId, waitMs, quota });
    void publishJobAttention(this.bus, jobId, 'quota-wait', wait.message);
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
