import { BatchItemView, FailedMessageView } from '@btsx/contracts';
import { csv } from '../shared/csv';

/** Seconds from start to end (or to now for a running job); empty before it started. */
function durationSeconds(item: BatchItemView, now: Date): number | null {
  if (!item.startedAt) return null;
  const end = item.finishedAt ? new Date(item.finishedAt) : now;
  return Math.round((end.getTime() - new Date(item.startedAt).getTime()) / 1000);
}

export const REPORT_COLUMNS = [
  'line',
  'source_host',
  'source_username',
  'destination_host',
  'destination_username',
  'state',
  'copied',
  'skipped',
  'failed',
  'filtered',
  'bytes',
  'duration_seconds',
  'audit',
  'job_id',
  'error',
];

/** The per-job report: one row per mailbox pair; `audit` is the job's audit result if any. */
export function batchReportCsv(
  items: BatchItemView[],
  auditOf: (jobId: string) => string | null,
  now = new Date(),
): string {
  return csv(
    REPORT_COLUMNS,
    items.map((i) => [
      i.line,
      i.sourceHost,
      i.sourceUsername,
      i.destinationHost,
      i.destinationUsername,
      i.state,
      i.copied,
      i.skipped,
      i.failed,
      i.filtered,
      i.bytes,
      durationSeconds(i, now),
      i.jobId ? auditOf(i.jobId) : null,
      i.jobId,
      i.error,
    ]),
  );
}

export function failedMessagesCsv(failures: FailedMessageView[]): string {
  return csv(
    ['line', 'job_id', 'source_username', 'folder', 'uid', 'size', 'reason'],
    failures.map((f) => [f.line, f.jobId, f.sourceUsername, f.folder, f.uid, f.size, f.reason]),
  );
}
