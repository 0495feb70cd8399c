import {
  BatchItemsQuery,
  BatchItemView,
  BatchView,
  FailedMessageView,
  FailureGroupView,
  JobAuditView,
  ThroughputSample,
} from '@btsx/contracts';
import { NotFoundError } from '@btsx/platform';
import { Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { JobViewReader } from '../jobs/job-view.reader';
import { OrchestratorConfig } from '../orchestrator.config';
import { batchState, toItemView, totalsOf } from './batch-item-state';
import { batchReportCsv, failedMessagesCsv } from './batch-report';
import { BatchSampleEntity } from './batch-sample.entity';
import { BatchStore } from './batch-store';
import { BatchEntity } from './batch.entity';
import { batchCredentialsView, batchScheduleView } from './schedule/batch-schedule.view';
import { BatchScheduleStore } from './schedule/batch-schedule.store';

export const NO_SUCH_BATCH = 'No such batch';
/** The chart's window: the last half hour at one point per sample interval. */
const CHART_POINTS = 360;
const MAX_FAILURE_GROUPS = 50;
const MAX_FAILED_MESSAGES = 100_000;

/** A malformed id names no batch, so it gets the same answer as an unknown one. */
export function requireBatchId(id: string): string {
  if (!isUUID(id)) throw new NotFoundError(NO_SUCH_BATCH);
  return id;
}

/** What the dashboard, the reports and the CLI read of batches. */
@Injectable()
export class BatchViewReader {
  constructor(
    private readonly db: DataSource,
    private readonly store: BatchStore,
    private readonly jobViews: JobViewReader,
    private readonly schedules: BatchScheduleStore,
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
  ) {}

  /** Newest first; one tenant's when given. */
  async list(tenantId?: string): Promise<BatchView[]> {
    const batches = await this.store.listBatches(tenantId);
    return Promise.all(batches.map((b) => this.build(b)));
  }

  async view(id: string): Promise<BatchView> {
    return this.build(await this.find(id));
  }

  async items(id: string, filter: BatchItemsQuery): Promise<BatchItemView[]> {
    await this.find(id);
    const items = (await this.store.itemRows(id, filter)).map(toItemView);
    return filter.state ? items.filter((i) => i.state === filter.state) : items;
  }

  async throughput(id: string): Promise<ThroughputSample[]> {
    await this.find(id);
    const rows = await this.db.getRepository(BatchSampleEntity).find({
      where: { batchId: id },
      order: { at: 'DESC' },
      take: CHART_POINTS,
    });
    return rows
      .reverse()
      .map((r) => ({ at: r.at.toISOString(), bytes: r.bytes, copied: r.copied }));
  }

  /** Why jobs failed, most common first: a job's error, failed folders, failed messages. */
  async failureReasons(id: string): Promise<FailureGroupView[]> {
    await this.find(id);
    return this.db.query(
      `SELECT reason, count(DISTINCT line)::int AS jobs FROM (
         SELECT i.line, coalesce(j.error, i.error) AS reason
         FROM orchestrator.batch_items i LEFT JOIN orchestrator.jobs j ON j.id = i.job_id
         WHERE i.batch_id = $1
         UNION ALL
         SELECT i.line, t.reason FROM orchestrator.batch_items i
         JOIN orchestrator.job_tasks t ON t.job_id = i.job_id AND t.state = 'failed'
         WHERE i.batch_id = $1
         UNION ALL
         SELECT i.line, f.reason FROM orchestrator.batch_items i
         JOIN orchestrator.message_failures f ON f.job_id = i.job_id
         WHERE i.batch_id = $1
       ) r WHERE reason IS NOT NULL
       GROUP BY reason ORDER BY jobs DESC, reason LIMIT ${MAX_FAILURE_GROUPS}`,
      [id],
    );
  }

  async failedMessages(id: string): Promise<FailedMessageView[]> {
    await this.find(id);
    const rows: FailedMessageView[] = await this.db.query(
      `SELECT i.line, i.job_id AS "jobId", i.source_username AS "sourceUsername",
              f.folder, f.uid::float8 AS uid, f.size::float8 AS size, f.reason
       FROM orchestrator.batch_items i
       JOIN orchestrator.message_failures f ON f.job_id = i.job_id
       WHERE i.batch_id = $1 ORDER BY i.line, f.folder, f.uid LIMIT ${MAX_FAILED_MESSAGES}`,
      [id],
    );
    return rows;
  }

  async failedMessagesCsv(id: string): Promise<string> {
    return failedMessagesCsv(await this.failedMessages(id));
  }

  async reportCsv(id: string): Promise<string> {
    const items = await this.items(id, {});
    const audits = new Map<string, string | null>();
    for (const item of items) {
      if (item.jobId)
        audits.set(item.jobId, auditSummary((await this.jobViews.view(item.jobId))?.audit));
    }
    return batchReportCsv(items, (jobId) => audits.get(jobId) ?? null);
  }

  /** The batch itself; 404 for an unknown or malformed id. */
  async find(id: string): Promise<BatchEntity> {
    const batch = await this.store.findBatch(requireBatchId(id));
    if (!batch) throw new NotFoundError(NO_SUCH_BATCH);
    return batch;
  }

  private async build(batch: BatchEntity): Promise<BatchView> {
    const items = (await this.store.itemRows(batch.id)).map(toItemView);
    const state = batchState(batch.intent, items);
    const working = state === 'running' || state === 'paused';
    const schedule = await this.schedules.find(this.db.manager, batch.id);
    const passes = schedule ? await this.schedules.passes(this.db.manager, batch.id) : [];
    const liveSchedule = schedule !== null && schedule.endedAt === null;
    return {
      id: batch.id,
      name: batch.name,
      tenantId: batch.tenantId,
      state,
      concurrency: batch.concurrency,
      perHostLimit: batch.perHostLimit,
      createdBy: batch.createdBy,
      createdAt: batch.createdAt.toISOString(),
      totals: totalsOf(items),
      bytesPerSecond: working ? await this.bytesPerSecond(batch.id) : 0,
      schedule: schedule && batchScheduleView(schedule, passes),
      credentials: batchCredentialsView(batch, liveSchedule, this.config.BATCH_CREDENTIAL_DAYS),
    };
  }

  /** Between the last two samples, if the last one is recent. */
  private async bytesPerSecond(batchId: string): Promise<number> {
    const [last, before] = await this.db
      .getRepository(BatchSampleEntity)
      .find({ where: { batchId }, order: { at: 'DESC' }, take: 2 });
    if (!last || !before) return 0;
    const seconds = (last.at.getTime() - before.at.getTime()) / 1000;
    const stale = Date.now() - last.at.getTime() > 3 * seconds * 1000;
    return stale || seconds <= 0 ? 0 : Math.max(0, (last.bytes - before.bytes) / seconds);
  }
}

/** "clean", or what the audit found; the audit's state while it has no result. */
export function auditSummary(audit: JobAuditView | null | undefined): string | null {
  if (!audit) return null;
  if (audit.state !== 'done' || !audit.totals) return audit.state;
  const t = audit.totals;
  const findings = [
    ['missing', t.missing],
    ['refused', t.refused],
    ['extra', t.extra ?? 0],
    ['flag differences', t.flagDifferences],
    ['unverified folders', t.unverified],
  ].filter(([, n]) => Number(n) > 0);
  return findings.length === 0 ? 'clean' : findings.map(([k, n]) => `${n} ${k}`).join('; ');
}
