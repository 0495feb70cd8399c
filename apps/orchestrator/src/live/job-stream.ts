import { isTerminal, JobView } from '@btsx/contracts';
import { JobViewReader } from '../jobs/job-view.reader';
import { ProgressDiff } from './progress-diff';
import { formatSseEvent } from './sse-format';

export interface SseSink {
  write(chunk: string): void;
  /** Ends the response; the stream is over. */
  end(): void;
}

/**
 * One browser's live view of one job. It reads the database only when told the job changed
 * (refresh), never on a timer: an open page costs nothing while its job is quiet. Every
 * refresh re-reads the job, so it does not matter which replica handled the change; it
 * sends the new status lines and, as `progress`, what changed of the view. Refreshes never
 * overlap; those asked for while one runs, or sooner than `minGapMs` after the last one
 * began, are folded into a single later one, so a job sending hundreds of events a second
 * costs a few reads a second per page.
 */
export class JobStream {
  private readonly diff = new ProgressDiff();
  private running = false;
  private again = false;
  private closed = false;
  private lastStart = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly jobId: string,
    private lastLineId: number,
    private readonly reader: Pick<JobViewReader, 'linesAfter' | 'view'>,
    private readonly sink: SseSink,
    private readonly onError: (error: unknown) => void,
    private readonly minGapMs = 0,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  refresh(): void {
    if (this.closed || this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = this.lastStart + this.minGapMs - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.refresh();
      }, wait);
      return;
    }
    this.running = true;
    this.lastStart = Date.now();
    void this.pump()
      .catch(this.onError)
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.refresh();
        }
      });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.sink.end();
  }

  private async pump(): Promise<void> {
    await this.sendLines();
    const view = await this.reader.view(this.jobId);
    if (this.closed) return;
    if (!view) return this.close();
    this.sendProgress(view);
    if (isTerminal(view.status)) {
      // The final line committed with the terminal status: it may be newer than our read.
      await this.sendLines();
      if (this.closed) return;
      this.sink.write(formatSseEvent({ event: 'end', data: view }));
      this.close();
    }
  }

  private async sendLines(): Promise<void> {
    const lines = await this.reader.linesAfter(this.jobId, this.lastLineId);
    for (const line of lines) {
      if (this.closed) return;
      this.sink.write(formatSseEvent({ event: 'status', id: line.id, data: line }));
      this.lastLineId = line.id;
    }
  }

  private sendProgress(view: JobView): void {
    const progress = this.diff.next(view);
    if (progress) this.sink.write(formatSseEvent({ event: 'progress', data: progress }));
  }
}
