import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BatchStore } from './batch-store';

/** Points of the throughput chart: one per busy batch every few seconds. */
export const SAMPLE_INTERVAL_MS = 5_000;

/** Records each busy batch's cumulative bytes and messages, for the throughput chart. */
@Injectable()
export class BatchSampler {
  private lastSampleAt = 0;

  constructor(
    private readonly db: DataSource,
    private readonly store: BatchStore,
  ) {}

  async sampleIfDue(now = Date.now()): Promise<void> {
    if (now - this.lastSampleAt < SAMPLE_INTERVAL_MS) return;
    this.lastSampleAt = now;
    const busy = await this.store.busyBatchIds();
    if (busy.length === 0) return;
    await this.db.query(
      `INSERT INTO orchestrator.batch_samples (batch_id, at, bytes, copied)
       SELECT i.batch_id, now(), coalesce(sum(t.bytes), 0), coalesce(sum(t.copied), 0)
       FROM orchestrator.batch_items i
       JOIN orchestrator.job_tasks t ON t.job_id = i.job_id
       WHERE i.batch_id = ANY($1)
       GROUP BY i.batch_id
       ON CONFLICT DO NOTHING`,
      [busy],
    );
  }
}
