import type { BatchView } from '@btsx/contracts';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

/** What `btsx batch status` prints. */
export function formatBatchSummary(batch: BatchView): string {
  const t = batch.totals;
  const states = Object.entries(t.states)
    .map(([state, count]) => `${state} ${count}`)
    .join(', ');
  return [
    `Batch:        ${batch.id} (${batch.name})`,
    `State:        ${batch.state}`,
    `Limits:       ${batch.concurrency} jobs at once, ${batch.perHostLimit} per host`,
    `Mailboxes:    ${t.items} (${states})`,
    `Messages:     ${t.copied} copied, ${t.skipped} skipped, ${t.failed} failed`,
    `Data:         ${formatBytes(t.bytes)} (${formatBytes(batch.bytesPerSecond)}/s now)`,
  ].join('\n');
}
