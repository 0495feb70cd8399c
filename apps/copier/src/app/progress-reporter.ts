import { CopyTask, SUBJECTS, TaskCounts } from '@btsx/contracts';
import { BusClient } from '@btsx/platform';

/** At most this often per task: the status page wants liveliness, not every message. */
const PROGRESS_INTERVAL_MS = 500;

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
    // The first message shows at once ("copying has started"); later ones at most each interval.
    if (first) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), PROGRESS_INTERVAL_MS);
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
