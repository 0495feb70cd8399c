import { CopyTask, SUBJECTS, TaskCounts } from '@btsx/contracts';
import { BusClient } from '@btsx/platform';

/** At most this often per task: the status page wants liveliness, not every message. */
const PROGRESS_INTERVAL_MS = 500;

/**
 * The first counts wait this long: soon enough to show at once that copying started, and
 * long enough that a small folder's task ends first and its task.finished says it all. A
 * job of a thousand small folders then sends no progress at all, where it sent one per folder.
 */
const FIRST_PROGRESS_MS = 100;

/** Broadcasts a task's cumulative counts, throttled; the last counts stay readable. */
export class ProgressReporter {
  last: TaskCounts | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: BusClient,
    private readonly task: CopyTask,
  ) {}

  report(counts: TaskCounts): void {
    const first = this.last === undefined;
    this.last = { ...counts };
    this.timer ??= setTimeout(() => this.flush(), first ? FIRST_PROGRESS_MS : PROGRESS_INTERVAL_MS);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    if (!this.last) return;
    const { jobId, taskId } = this.task;
    this.bus.broadcast(SUBJECTS.taskProgress, { jobId, taskId, counts: this.last });
  }
}
