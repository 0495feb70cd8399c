import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Request, Response } from 'express';
import { JobViewReader } from '../jobs/job-view.reader';
import { JobStream } from './job-stream';
import { JobWatchers } from './job-watchers';
import { formatSseComment, parseLastEventId } from './sse-format';

/**
 * A page's stream reads its job at most this often however busy the job is (four times a
 * second looks live), so a thousand-folder job does not keep a database connection busy per
 * page.
 */
const MIN_REFRESH_GAP_MS = 250;
/** Below the usual 30-60 s idle timeouts of proxies and load balancers. */
const HEARTBEAT_MS = 15_000;

/** Opens Server-Sent Event streams of jobs and closes them all on shutdown. */
@Injectable()
export class JobStreamService implements OnModuleDestroy {
  private readonly logger = new Logger('JobStream');
  private readonly open = new Set<() => void>();

  constructor(
    private readonly reader: JobViewReader,
    private readonly watchers: JobWatchers,
  ) {}

  start(jobId: string, request: Request, response: Response): void {
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    // nginx (and the ingress) would otherwise buffer the stream and deliver it in lumps.
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    request.socket.setNoDelay(true);

    const stream = new JobStream(
      jobId,
      parseLastEventId(request.headers['last-event-id']),
      this.reader,
      { write: (chunk) => response.write(chunk), end: () => cleanup() },
      (error) => this.logger.warn(`Stream of job ${jobId} failed to refresh: ${String(error)}`),
      MIN_REFRESH_GAP_MS,
    );
    // Woken by job.updated and by task progress (JobWatchers); there is no timer that reads.
    const unwatch = this.watchers.add(jobId, () => stream.refresh());
    const heartbeat = setInterval(
      () => response.write(formatSseComment('heartbeat')),
      HEARTBEAT_MS,
    );
    let cleaned = false;
    const cleanup = () => {
      if (cleaned) return;
      cleaned = true;
      clearInterval(heartbeat);
      unwatch();
      this.open.delete(cleanup);
      stream.close();
      if (!response.writableEnded) response.end();
    };
    this.open.add(cleanup);
    request.on('close', cleanup);
    stream.refresh();
  }

  /** An open stream would otherwise keep the HTTP server from closing. */
  onModuleDestroy(): void {
    for (const cleanup of [...this.open]) cleanup();
  }
}
