import type { JobProgressEvent, JobStatusLine } from '@btsx/contracts';
import { formatBytes, formatStatus, percentDone } from '@btsx/format';
import { formatCounters } from './job-summary';

/** Erase the current terminal line (CSI 2K) and return to its start. */
const CLEAR_LINE = '\r\x1b[2K';

/**
 * What `migrate` shows while the job runs: status lines as a log, and on a TTY one progress
 * line that rewrites itself under them. Off a TTY (a pipe, a CI log) progress is left out,
 * since carriage returns would only clutter the file.
 */
export class JobOutput {
  private progressShown = false;
  private lastProgress = '';

  constructor(
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly err: NodeJS.WriteStream = process.stderr,
  ) {}

  statusLine(line: JobStatusLine): void {
    const time = new Date(line.at).toLocaleTimeString('en-GB', { hour12: false });
    const level = line.level === 'info' ? '' : `${line.level.toUpperCase()}: `;
    this.print(this.out, `[${time}] ${level}${line.message}`);
  }

  progress(event: JobProgressEvent): void {
    if (!this.out.isTTY) return;
    const c = event.counters;
    const percent = c.total ? ` ${percentDone(c)}%` : '';
    const text = `${formatStatus(event.status)}${percent} · ${formatCounters(c)} · ${formatBytes(c.bytes)}`;
    const width = this.out.columns ?? 80;
    this.lastProgress = text.slice(0, Math.max(0, width - 1));
    this.drawProgress();
  }

  /** A note about the CLI itself (reconnecting, interrupted), on stderr. */
  notice(message: string): void {
    this.print(this.err, message);
  }

  /** Removes the progress line for good, so that the summary starts on a clean line. */
  finish(): void {
    this.clearProgress();
    this.lastProgress = '';
  }

  /** Log lines go above the progress line: erase it, print, draw it again below. */
  private print(stream: NodeJS.WriteStream, text: string): void {
    this.clearProgress();
    stream.write(`${text}\n`);
    if (this.lastProgress) this.drawProgress();
  }

  private drawProgress(): void {
    this.out.write(`${CLEAR_LINE}${this.lastProgress}`);
    this.progressShown = true;
  }

  private clearProgress(): void {
    if (this.progressShown) this.out.write(CLEAR_LINE);
    this.progressShown = false;
  }
}
