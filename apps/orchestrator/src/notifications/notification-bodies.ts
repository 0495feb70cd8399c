import {
  AttentionReason,
  BatchView,
  JobView,
  NotificationBody,
  NotificationCounts,
} from '@btsx/contracts';

/** A job's counts as its notifications give them. */
export function jobCounts({ counters }: JobView): NotificationCounts {
  const { total, copied, skipped, failed, filtered } = counters;
  return { total, copied, skipped, failed, filtered };
}

export function batchCounts({ totals }: BatchView): NotificationCounts {
  const { copied, skipped, failed, filtered, states } = totals;
  return { copied, skipped, failed, filtered, items: states as Record<string, number> };
}

export function jobFinishedBody(job: JobView, publicUrl: string): NotificationBody {
  return {
    event: 'job.finished',
    jobId: job.id,
    status: job.status,
    counts: jobCounts(job),
    ...(job.error && { message: job.error }),
    url: jobPage(publicUrl, job.id),
    at: job.finishedAt ?? new Date().toISOString(),
  };
}

export function jobAttentionBody(
  job: JobView,
  reason: AttentionReason,
  detail: string | undefined,
  publicUrl: string,
): NotificationBody {
  return {
    event: 'job.attention',
    jobId: job.id,
    status: job.status,
    counts: jobCounts(job),
    reason,
    ...(detail && { message: detail }),
    url: jobPage(publicUrl, job.id),
    at: new Date().toISOString(),
  };
}

export function batchFinishedBody(batch: BatchView, publicUrl: string): NotificationBody {
  return {
    event: 'batch.finished',
    batchId: batch.id,
    name: batch.name,
    status: batch.state,
    counts: batchCounts(batch),
    url: batchPage(publicUrl, batch.id),
    at: new Date().toISOString(),
  };
}

/** One of the batch's jobs waits: named, so the admin finds it on the dashboard. */
export function batchAttentionBody(
  batch: BatchView,
  jobId: string,
  reason: AttentionReason,
  detail: string | undefined,
  publicUrl: string,
): NotificationBody {
  return {
    ...batchFinishedBody(batch, publicUrl),
    event: 'batch.attention',
    jobId,
    reason,
    ...(detail && { message: detail }),
  };
}

function jobPage(publicUrl: string, jobId: string): string {
  return new URL(`/jobs/${jobId}`, publicUrl).toString();
}

function batchPage(publicUrl: string, batchId: string): string {
  return new URL(`/admin/batches/${batchId}`, publicUrl).toString();
}
