import type { BatchView } from '@btsx/contracts';
import { formatBytes } from '@btsx/format';

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
  ].join('\n');
}
