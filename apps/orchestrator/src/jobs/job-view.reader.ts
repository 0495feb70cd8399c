import { JobAuditView, JobEventLevel, JobStatusLine, JobView } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { notifyView } from '../notifications/notify-target';
import { RetentionPeriod } from '../retention/retention-period';
import { JobStore } from './job-store';
import { JobViewRow, readJobView } from './job-view.sql';
import { LatestAudit } from './latest-audit';

const LINES_AFTER = `
  SELECT id, at, level, message FROM orchestrator.job_events
  WHERE job_id = $1 AND id > $2 ORDER BY id`;

/** Builds what the API shows of a job from the database, so any replica can answer. */
@Injectable()
export class JobViewReader {
  constructor(
    private readonly store: JobStore,
    private readonly retention: RetentionPeriod,
    private readonly latestAudit: LatestAudit,
  ) {}

  /**
   * Null when there is no such job. The job's own part is one statement; a job that may have
   * an audit reads it in the same snapshot: a view must not pair a job row from before a
   * commit with an audit row from after it. A queued or running job has none (an audit
   * starts once copying ended, or on a finished job), so its view is that one statement.
   */
  async view(jobId: string): Promise<JobView | null> {
    const row = await readJobView(this.store.reader, jobId);
    if (!row || row.status === 'queued' || row.status === 'running') {
      return row && this.build(row, null);
    }
    return this.store.snapshot(async (tx) => {
      const row = await readJobView(tx, jobId);
      return row && this.build(row, await this.latestAudit.view(tx, jobId));
    });
  }

  /** One plain statement: a page's stream asks several times a second while its job runs. */
  async linesAfter(jobId: string, afterId: number): Promise<JobStatusLine[]> {
    const rows: { id: number; at: Date; level: JobEventLevel; message: string }[] =
      await this.store.reader.query(LINES_AFTER, [jobId, afterId]);
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      level: r.level,
      message: r.message,
    }));
  }

  private build(job: JobViewRow, audit: JobAuditView | null): JobView {
    const { copied, skipped, failed, filtered, bytes } = job.tally;
    return {
      id: job.id,
      status: job.status,
      options: job.options,
      source: {
        host: job.sourceHost,
        port: job.sourcePort,
        security: job.sourceSecurity,
        username: job.sourceUsername,
        tlsInsecure: !job.sourceVerifyCertificate,
        provider: job.sourceProvider,
      },
      destination: {
        host: job.destinationHost,
        port: job.destinationPort,
        security: job.destinationSecurity,
        username: job.destinationUsername,
        tlsInsecure: !job.destinationVerifyCertificate,
        provider: job.destinationProvider,
      },
      restartedFrom: job.restartedFrom,
      delta: job.delta,
      scheduleId: job.scheduleId,
      counters: { total: job.total, copied, skipped, failed, filtered, bytes },
      folders: job.folders,
      failures: job.failures,
      audit,
      error: job.error,
      createdAt: job.createdAt.toISOString(),
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: job.finishedAt?.toISOString() ?? null,
      waitingUntil: stillAhead(job.waitingUntil)?.toISOString() ?? null,
      retentionDays: this.retention.days,
      expiresAt: this.retention.expiresAt(job.finishedAt)?.toISOString() ?? null,
      notify: notifyView(job.notify),
    };
  }
}

/** A wait that is over is no longer the view's business. */
function stillAhead(time: Date | null): Date | null {
  return time && time.getTime() > Date.now() ? time : null;
}
