import { JobStatusLine, JobView } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager, MoreThan } from 'typeorm';
import { JobEventEntity } from './job-event.entity';
import { JobEntity } from './job.entity';
import { MessageFailureEntity } from './message-failure.entity';
import { RetentionPeriod } from '../retention/retention-period';
import { JobStore } from './job-store';
import { LatestAudit } from './latest-audit';
import { addTallies, EMPTY_TALLY, TaskTally } from './task-tally';

/** Enough to read what went wrong; the page is not the place for a million-line report. */
const MAX_FAILURES_IN_VIEW = 1_000;

/** Builds what the API shows of a job from the database, so any replica can answer. */
@Injectable()
export class JobViewReader {
  constructor(
    private readonly store: JobStore,
    private readonly retention: RetentionPeriod,
    private readonly latestAudit: LatestAudit,
  ) {}

  /** Null when there is no such job. */
  view(jobId: string): Promise<JobView | null> {
    return this.store.snapshot(async (tx) => {
      const job = await this.store.findJob(tx, jobId);
      return job ? this.build(tx, job) : null;
    });
  }

  async linesAfter(jobId: string, afterId: number): Promise<JobStatusLine[]> {
    const rows = await this.store.transaction((tx) =>
      tx.getRepository(JobEventEntity).find({
        where: { jobId, id: MoreThan(afterId) },
        order: { id: 'ASC' },
      }),
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      level: r.level,
      message: r.message,
    }));
  }

  private async build(tx: EntityManager, job: JobEntity): Promise<JobView> {
    const tallies = await this.store.tallyByFolder(tx, job.id);
    const folders = await this.store.folders(tx, job.id);
    const failures = await tx.getRepository(MessageFailureEntity).find({
      where: { jobId: job.id },
      order: { folder: 'ASC', uid: 'ASC' },
      take: MAX_FAILURES_IN_VIEW,
    });
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
      },
      destination: {
        host: job.destinationHost,
        port: job.destinationPort,
        security: job.destinationSecurity,
        username: job.destinationUsername,
        tlsInsecure: !job.destinationVerifyCertificate,
      },
      restartedFrom: job.restartedFrom,
      counters: { total: job.total, ...counts(addTallies(tallies.values())) },
      folders: folders.map((f) => {
        const { copied, skipped, failed } = tallies.get(f.position) ?? EMPTY_TALLY;
        const { source, destination, total, state, error } = f;
        return { source, destination, total, copied, skipped, failed, state, error };
      }),
      failures: failures.map((f) => ({
        folder: f.folder,
        uid: f.uid,
        size: f.size,
        reason: f.reason,
      })),
      audit: await this.latestAudit.view(tx, job.id),
      error: job.error,
      createdAt: job.createdAt.toISOString(),
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: job.finishedAt?.toISOString() ?? null,
      retentionDays: this.retention.days,
      expiresAt: this.retention.expiresAt(job.finishedAt)?.toISOString() ?? null,
    };
  }
}

function counts(t: TaskTally) {
  return { copied: t.copied, skipped: t.skipped, failed: t.failed, bytes: t.bytes };
}
