import {
  isTerminal,
  type JobProgressEvent,
  type JobStatusLine,
  type JobView,
} from '@btsx/contracts/core';
import { ApiClient, ApiError } from './api-client';
import { CliError } from './cli-error';
import { readSse } from './sse-reader';

/** First wait before reconnecting; doubled after each failed attempt up to the cap. */
const RECONNECT_INITIAL_DELAY_MS = 1_000;
/** A server restart takes seconds; polling faster than this only adds load. */
const RECONNECT_MAX_DELAY_MS = 15_000;
/** Give up when the server has been unreachable this long; the job itself keeps running. */
const RECONNECT_GIVE_UP_MS = 10 * 60_000;

export interface JobFollowerEvents {
  status(line: JobStatusLine): void;
  progress(event: JobProgressEvent): void;
  /** The stream dropped; the follower waits `delayMs` and reconnects. */
  reconnecting(reason: string, delayMs: number): void;
}

/**
 * Follows a job's event stream until its `end` event and returns the final JobView.
 * Reconnects with Last-Event-ID when the stream drops, skips status lines it already
 * printed (a server may replay them), and checks the job once before each reconnect in
 * case it ended while the stream was down.
 */
export class JobFollower {
  private lastEventId: string | undefined;
  private lastStatusLineId = -1;
  private serverRetryMs: number | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly events: JobFollowerEvents,
    private readonly sleep: (ms: number) => Promise<void> = defaultSleep,
    private readonly now: () => number = Date.now,
  ) {}

  async follow(jobId: string): Promise<JobView> {
    let delay = RECONNECT_INITIAL_DELAY_MS;
    let failingSince: number | undefined;

    for (;;) {
      let reason: string;
      try {
        const end = await this.readStream(jobId, () => {
          delay = RECONNECT_INITIAL_DELAY_MS;
          failingSince = undefined;
        });
        if (end) return end;
        reason = 'the server closed the event stream';
      } catch (err) {
        if (err instanceof ApiError && err.statusCode === 404) {
          throw new CliError(`Job ${jobId} does not exist (any more).`);
        }
        reason = err instanceof Error ? err.message : String(err);
      }

      const finished = await this.finishedJob(jobId);
      if (finished) return finished;

      failingSince ??= this.now();
      if (this.now() - failingSince > RECONNECT_GIVE_UP_MS) {
        throw new CliError(`Lost the connection to the server: ${reason}`);
      }
      const wait = this.serverRetryMs ?? delay;
      this.events.reconnecting(reason, wait);
      await this.sleep(wait);
      delay = Math.min(delay * 2, RECONNECT_MAX_DELAY_MS);
    }
  }

  /** Returns the final JobView on `end`, or undefined when the stream ended before it. */
  private async readStream(jobId: string, onEvent: () => void): Promise<JobView | undefined> {
    const body = await this.api.openEvents(jobId, this.lastEventId);
    for await (const event of readSse(body)) {
      onEvent();
      if (event.lastEventId) this.lastEventId = event.lastEventId;
      if (event.retry !== undefined) this.serverRetryMs = event.retry;
      switch (event.event) {
        case 'status': {
          const line = JSON.parse(event.data) as JobStatusLine;
          if (line.id <= this.lastStatusLineId) break;
          this.lastStatusLineId = line.id;
          this.events.status(line);
          break;
        }
        case 'progress':
          this.events.progress(JSON.parse(event.data) as JobProgressEvent);
          break;
        case 'end':
          return JSON.parse(event.data) as JobView;
        default:
          break; // an event this CLI does not know yet
      }
    }
    return undefined;
  }

  /** The job, if it already reached a terminal state; undefined if running or unreachable. */
  private async finishedJob(jobId: string): Promise<JobView | undefined> {
    try {
      const job = await this.api.getJob(jobId);
      return isTerminal(job.status) ? job : undefined;
    } catch (err) {
      if (err instanceof ApiError && err.statusCode === 404) {
        throw new CliError(`Job ${jobId} does not exist (any more).`);
      }
      return undefined;
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
