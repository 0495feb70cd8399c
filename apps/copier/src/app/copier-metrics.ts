import { Checkpoint, CheckpointStore, CopyCounts, NO_COPY_COUNTS } from '@btsx/imap';
import { WorkOutcome } from '@btsx/platform';
import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: a tiny folder takes a second, a large mailbox's INBOX an hour or more. */
const TASK_DURATION_BUCKETS = [1, 5, 15, 60, 300, 900, 3_600, 14_400];

/** The copier's own Prometheus series, beside the process metrics every service has. */
@Injectable()
export class CopierMetrics {
  private readonly messages: Counter<'result'>;
  private readonly bytes: Counter;
  private readonly taskFailures: Counter<'reason'>;
  private readonly taskDuration: Histogram<'outcome'>;
  readonly imapConnections: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.messages = new Counter({
      name: 'btsx_messages_total',
      help: 'Messages handled: copied, skipped (already at the destination), failed (refused, too big) or filtered (left out by the job)',
      labelNames: ['result'],
      registers,
    });
    this.bytes = new Counter({
      name: 'btsx_copied_bytes_total',
      help: 'Bytes of the messages copied',
      registers,
    });
    this.taskFailures = new Counter({
      name: 'btsx_task_failures_total',
      help: 'Task runs that ended in an error, by reason (the IMAP error kind, or internal)',
      labelNames: ['reason'],
      registers,
    });
    this.taskDuration = new Histogram({
      name: 'btsx_task_duration_seconds',
      help: 'Time one run of a copy task took, by how it ended',
      labelNames: ['outcome'],
      buckets: TASK_DURATION_BUCKETS,
      registers,
    });
    this.imapConnections = new Gauge({
      name: 'btsx_imap_connections',
      help: 'IMAP connections this process holds: tasks running, and idle ones kept for the next',
      registers,
    });
  }

  /** Meters one run of a task whose checkpoints go to `checkpoints`. */
  startTask(checkpoints: CheckpointStore): TaskMetrics {
    return new TaskMetrics(this, checkpoints, this.taskDuration.startTimer());
  }

  /** Counts the growth of a task's cumulative counts. */
  countDelta(from: CopyCounts, to: CopyCounts): void {
    this.messages.inc({ result: 'copied' }, to.copied - from.copied);
    this.messages.inc({ result: 'skipped' }, to.skipped - from.skipped);
    this.messages.inc({ result: 'failed' }, to.failed - from.failed);
    this.messages.inc({ result: 'filtered' }, to.filtered - from.filtered);
    this.bytes.inc(to.bytes - from.bytes);
  }

  taskFailed(error: unknown): void {
    const kind = (error as { kind?: unknown })?.kind;
    this.taskFailures.inc({ reason: typeof kind === 'string' ? kind : 'internal' });
  }
}

/**
 * One run of one task: the messages it adds (counted as each checkpoint is saved, so only
 * what is durably done), how long it took and how it ended.
 */
export class TaskMetrics implements CheckpointStore {
  /** Counts at the last checkpoint, starting from the one a resumed task loads. */
  private last = NO_COPY_COUNTS;

  constructor(
    private readonly metrics: CopierMetrics,
    private readonly checkpoints: CheckpointStore,
    private readonly stopTimer: (labels: { outcome: WorkOutcome }) => number,
  ) {}

  async load(taskId: string): Promise<Checkpoint | null> {
    const saved = await this.checkpoints.load(taskId);
    if (saved) this.last = countsOf(saved);
    return saved;
  }

  async save(taskId: string, checkpoint: Checkpoint): Promise<void> {
    await this.checkpoints.save(taskId, checkpoint);
    // Fewer than loaded: a new UIDVALIDITY made the task start over from nothing.
    const from = handled(checkpoint) < handled(this.last) ? NO_COPY_COUNTS : this.last;
    this.metrics.countDelta(from, checkpoint);
    this.last = countsOf(checkpoint);
  }

  end(outcome: WorkOutcome, error?: unknown): void {
    if (error !== undefined && outcome !== 'handed_back' && outcome !== 'stopped') {
      this.metrics.taskFailed(error);
    }
    this.stopTimer({ outcome });
  }
}

function countsOf({ copied, skipped, failed, filtered, bytes }: CopyCounts): CopyCounts {
  return { copied, skipped, failed, filtered, bytes };
}

function handled(counts: CopyCounts): number {
  return counts.copied + counts.skipped + counts.failed + counts.filtered;
}
