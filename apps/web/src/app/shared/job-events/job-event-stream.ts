import { computed, signal } from '@angular/core';
import type { JobProgressEvent, JobStatusLine, JobView } from '@btsx/contracts';

/** What the stream needs of a browser EventSource; tests pass a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onerror: ((event: Event) => void) | null;
  onopen: ((event: Event) => void) | null;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'lost';

/** EventSource.CLOSED; not read from the global so the class also runs where it is missing. */
const CLOSED = 2;
/** After the browser gave up (an HTTP error, not a dropped connection), try again this late. */
const RETRY_DELAY_MS = 3000;

/**
 * The live status of one job over Server-Sent Events, as signals. The browser reconnects
 * by itself with Last-Event-ID after a dropped connection; lines are also de-duplicated by
 * id, so a fresh connection that replays history does no harm. The server closes the
 * stream after `end`; we close our side first so the browser does not reconnect.
 */
export class JobEventStream {
  private readonly linesById = new Map<number, JobStatusLine>();
  private source: EventSourceLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  private readonly lineList = signal<readonly JobStatusLine[]>([]);
  readonly lines = this.lineList.asReadonly();
  /** Newest first, for a history whose latest line is always in view. */
  readonly newestFirst = computed(() => [...this.lineList()].reverse());
  readonly progress = signal<JobProgressEvent | null>(null);
  readonly final = signal<JobView | null>(null);
  readonly state = signal<StreamState>('connecting');

  constructor(
    private readonly url: string,
    private readonly create: EventSourceFactory,
  ) {}

  open(): void {
    if (this.source || this.state() === 'ended') return;
    const source = this.create(this.url);
    this.source = source;
    source.onopen = () => this.state.set('live');
    source.onerror = () => {
      if (source.readyState !== CLOSED) return this.state.set('reconnecting');
      this.source = null;
      this.state.set('lost');
      this.retryTimer = setTimeout(() => this.open(), RETRY_DELAY_MS);
    };
    source.addEventListener('status', (event) => this.addLine(parse<JobStatusLine>(event)));
    source.addEventListener('progress', (event) =>
      this.progress.set(parse<JobProgressEvent>(event)),
    );
    source.addEventListener('end', (event) => {
      const view = parse<JobView>(event);
      this.final.set(view);
      this.progress.set({ status: view.status, counters: view.counters });
      this.close('ended');
    });
  }

  close(state: StreamState = 'ended'): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
    this.state.set(state);
  }

  private addLine(line: JobStatusLine): void {
    if (this.linesById.has(line.id)) return;
    this.linesById.set(line.id, line);
    this.lineList.set([...this.linesById.values()].sort((a, b) => a.id - b.id));
  }
}

function parse<T>(event: MessageEvent<string>): T {
  return JSON.parse(event.data) as T;
}
