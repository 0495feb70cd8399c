import type { BatchPassView, BatchScheduleView, BatchView } from '@btsx/contracts';
import { formatBytes, formatPassKind, formatZonedTime as zonedTime } from '@btsx/format';

/** What `btsx batch status` prints. */
export function formatBatchSummary(batch: BatchView): string {
  const t = batch.totals;
  const states = Object.entries(t.states)
    .map(([state, count]) => `${state} ${count}`)
    .join(', ');
  const filtered = t.filtered > 0 ? `, ${t.filtered} filtered` : '';
  return [
    `Batch:        ${batch.id} (${batch.name})`,
    `State:        ${batch.state}`,
    `Limits:       ${batch.concurrency} jobs at once, ${batch.perHostLimit} per host`,
    `Mailboxes:    ${t.items} (${states})`,
    `Messages:     ${t.copied} copied, ${t.skipped} skipped, ${t.failed} failed${filtered}`,
    `Data:         ${formatBytes(t.bytes)} (${formatBytes(batch.bytesPerSecond)}/s now)`,
    `Passwords:    ${passwordsLine(batch)}`,
    ...(batch.schedule ? scheduleLines(batch.schedule) : []),
  ].join('\n');
}

function passwordsLine({ credentials, schedule }: BatchView): string {
  if (!credentials.held) {
    return `deleted ${credentials.discardedAt} (${credentials.discardedWhy})`;
  }
  if (credentials.expiresAt) return `held, encrypted, until ${credentials.expiresAt}`;
  return schedule && !schedule.endedAt
    ? "held, encrypted, until the schedule's final pass or end date"
    : 'held, encrypted, until some days after the last pass ends';
}

function scheduleLines(schedule: BatchScheduleView): string[] {
  const zone = schedule.timeZone;
  const next = schedule.nextPassAt ? zonedTime(schedule.nextPassAt, zone) : 'none';
  return [
    `Schedule:     ${schedule.state}, every ${schedule.everyHours} h from ${zonedTime(schedule.startAt, zone)}; ends ${zonedTime(schedule.endsAt, zone)} at the latest`,
    `Next pass:    ${next}`,
    ...(schedule.error ? [`Error:        ${schedule.error}`] : []),
    `Passes:       ${schedule.passes.length === 0 ? 'none yet' : ''}`,
    ...schedule.passes.map((pass) => passLine(pass, zone)),
  ];
}

function passLine(pass: BatchPassView, zone: string): string {
  const ended = pass.endedAt ? `ended ${zonedTime(pass.endedAt, zone)}` : 'running';
  const counts = pass.copied === null ? '' : `: ${pass.copied} copied, ${pass.failed} failed`;
  const changes = pass.changes
    ? `, ${pass.changes.flagsChanged} with new flags, ${pass.changes.removed} removed at the source`
    : '';
  return `  ${pass.number}. ${formatPassKind(pass)} of ${pass.lines} line(s), ${ended}${counts}${changes}`;
}
