import type { JobCounters, JobView } from '@btsx/contracts';
import { formatBytes, formatCount, formatDuration, formatStatus } from '@btsx/format';
import { formatAudit } from './commands/verify-report';

/** How many failed messages the summary lists before it says "and N more". */
const MAX_LISTED_FAILURES = 50;

/** "copied 1,204 · skipped 3 · failed 2 of 1,209" */
export function formatCounters(counters: JobCounters): string {
  const parts = [
    `copied ${formatCount(counters.copied)}`,
    `skipped ${formatCount(counters.skipped)}`,
    `failed ${formatCount(counters.failed)}`,
  ];
  if (counters.filtered > 0) parts.push(`filtered ${formatCount(counters.filtered)}`);
  const total = counters.total === null ? '' : ` of ${formatCount(counters.total)}`;
  return `${parts.join(' · ')}${total}`;
}

/** The end-of-job report: one fact a line, then the messages that could not be copied. */
export function formatJobSummary(job: JobView, now: Date = new Date()): string {
  const start = job.startedAt ?? job.createdAt;
  const end = job.finishedAt ?? now.toISOString();
  const lines = [
    `Job:          ${job.id}`,
    `Status:       ${formatStatus(job.status)}`,
    `From:         ${job.source.username} at ${job.source.host}`,
    `To:           ${job.destination.username} at ${job.destination.host}`,
    `Messages:     ${formatCounters(job.counters)}`,
    `Data copied:  ${formatBytes(job.counters.bytes)}`,
    `Duration:     ${formatDuration(Date.parse(end) - Date.parse(start))}`,
  ];
  if (job.error) lines.push(`Error:        ${job.error}`);
  if (job.audit || job.options.verify === false) lines.push(...formatAudit(job.audit));

  const refused = job.folders.filter((f) => f.error);
  if (refused.length > 0) {
    lines.push('', `Folders not copied (${formatCount(refused.length)}):`);
    for (const f of refused) lines.push(`  ${f.source}: ${f.error}`);
  }

  if (job.failures.length > 0) {
    lines.push('', `Failed messages (${formatCount(job.failures.length)}):`);
    for (const f of job.failures.slice(0, MAX_LISTED_FAILURES)) {
      lines.push(`  ${f.folder} UID ${f.uid} (${formatBytes(f.size)}): ${f.reason}`);
    }
    const rest = job.failures.length - MAX_LISTED_FAILURES;
    if (rest > 0) lines.push(`  … and ${formatCount(rest)} more (see the status page)`);
  }
  return lines.join('\n');
}
