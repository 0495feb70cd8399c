import { JobAttention, JobFinished, jobLogins, NotificationBody } from '@btsx/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { BatchViewReader } from '../batches/batch-view.reader';
import { JobViewReader } from '../jobs/job-view.reader';
import { OrchestratorConfig } from '../orchestrator.config';
import {
  batchAttentionBody,
  batchFinishedBody,
  jobAttentionBody,
  jobFinishedBody,
} from './notification-bodies';
import { NotificationOutbox } from './notification-outbox';
import { NotificationSweeper } from './notification-sweeper';
import { NotifyTargetsStore, StoredTarget } from './notify-targets.store';

/**
 * Turns job events into stored notifications, once each (keyed by job or batch, event and
 * reason). A batch's jobs notify at the batch's level: when the last of them ends, and the
 * first time one needs attention for a reason.
 */
@Injectable()
export class Notifier {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly targets: NotifyTargetsStore,
    private readonly outbox: NotificationOutbox,
    private readonly sweeper: NotificationSweeper,
    private readonly jobs: JobViewReader,
    private readonly batches: BatchViewReader,
    private readonly config: OrchestratorConfig,
  ) {}

  async jobFinished({ jobId, credentialOwner }: JobFinished): Promise<void> {
    // An audit asked for after the end (btsx verify) ends with its own owner: not a new end.
    if (credentialOwner !== jobLogins(jobId)) return;
    const target = await this.targets.ofJob(jobId);
    if (!target) return;
    if (target.batchId) return this.batchFinishedIfOver(target, target.batchId);
    const job = await this.jobs.view(jobId);
    if (!job) return;
    await this.store(target, `job:${jobId}:finished`, jobFinishedBody(job, this.publicUrl));
  }

  async attention({ jobId, reason, detail }: JobAttention): Promise<void> {
    const target = await this.targets.ofJob(jobId);
    if (!target) return;
    if (target.batchId) {
      const batch = await this.batches.view(target.batchId);
      const body = batchAttentionBody(batch, jobId, reason, detail, this.publicUrl);
      return this.store(target, `batch:${batch.id}:attention:${reason}`, body);
    }
    const job = await this.jobs.view(jobId);
    if (!job) return;
    const body = jobAttentionBody(job, reason, detail, this.publicUrl);
    await this.store(target, `job:${jobId}:attention:${reason}`, body);
  }

  /**
   * The batch ended when none of its items waits or runs. Its key counts the runs its items
   * had: a retry or delta pass that ends later is a new end; two jobs ending together see
   * the same count and store one notification.
   */
  private async batchFinishedIfOver(target: StoredTarget, batchId: string): Promise<void> {
    const batch = await this.batches.view(batchId);
    if (batch.state !== 'completed' && batch.state !== 'cancelled') return;
    const runs = await this.targets.batchRuns(batchId);
    await this.store(
      target,
      `batch:${batchId}:finished:${runs}`,
      batchFinishedBody(batch, this.publicUrl),
    );
  }

  private async store(target: StoredTarget, key: string, body: NotificationBody): Promise<void> {
    if ((await this.outbox.add(target, key, body)) === 0) return;
    this.logger.log(`Notification ${key} stored`);
    this.sweeper.kick();
  }

  private get publicUrl(): string {
    return this.config.PUBLIC_URL;
  }
}
