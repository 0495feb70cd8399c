import { isTerminal, JobView } from '@btsx/contracts';
import { JobViewReader, progressOf } from '../jobs/job-view.reader';
import { formatSseEvent } from './sse-format';

export interface SseSink {
  write(chunk: string): void;
  /** Ends the response; the stream is over. */
  end(): void;
}

/**
 * One browser's live view of one job. Every refresh re-reads the database, so it does
 * not matter which replica handled the change; refreshes never overlap, and one asked
 * for while another runs is folded into a single re-run.
 */
export class JobStream {
  private lastProgress = '';
  private running = false;
  private again = false;
  private closed = false;

  constructor(
    private readonly jobId: string,
    private lastLineId: number,
    private readonly reader: JobViewReader,
    private readonly sink: SseSink,
    private readonly onError: (error: unknown) => void,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  refresh(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
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
    const progress = progressOf(view);
    const text = JSON.stringify(progress);
    if (text === this.lastProgress) return;
    this.lastProgress = text;
    this.sink.write(formatSseEvent({ event: 'progress', data: progress }));
  }
}
