import type { PlanFolderView, PlanView } from '@btsx/contracts';
import { formatByteRate, formatBytes, formatCount, formatDuration } from '@btsx/format';

const HEADINGS = [
  'Source folder',
  'Destination folder',
  'State',
  'Messages',
  'Data',
  'Filtered',
  'Too large',
];
/** Columns of numbers are right-aligned. */
const NUMERIC = new Set([3, 4, 5, 6]);

/** What `btsx plan` prints: the totals and the estimate, each folder, what is left out. */
export function formatPlan(plan: PlanView): string {
  const lines = [...totalLines(plan), '', ...folderTable(plan.folders)];
  if (plan.leftOut.length > 0) {
    lines.push('', `Left out (${formatCount(plan.leftOut.length)}):`);
    for (const { source, reason } of plan.leftOut) lines.push(`  ${source}: ${reason}`);
  }
  return `${lines.join('\n')}\n`;
}

function totalLines({ totals, destinationLimit, estimate }: PlanView): string[] {
  const limit =
    destinationLimit === null
      ? ''
      : ` (the destination takes up to ${formatBytes(destinationLimit)})`;
  const speed =
    estimate.sourceBytesPerSecond === null
      ? ''
      : `; the source sent ${formatByteRate(estimate.sourceBytesPerSecond)}`;
  return [
    `Folders:      ${formatCount(totals.folders)} (${formatCount(totals.newFolders)} new at the destination)`,
    `Messages:     ${formatCount(totals.messages)} to copy · ${formatCount(totals.filtered)} filtered · ${formatCount(totals.tooLarge)} too large${limit}`,
    `Data:         ${formatBytes(totals.bytes)}`,
    `Estimate:     about ${formatDuration(estimate.seconds * 1000)} (round trips: source ${estimate.sourceRoundTripMs} ms, destination ${estimate.destinationRoundTripMs} ms${speed})`,
  ];
}

/** The folders in aligned columns; under a renamed one, why. */
function folderTable(folders: PlanFolderView[]): string[] {
  const rows = folders.map((f) => [
    f.source,
    f.destination,
    f.state,
    formatCount(f.messages),
    formatBytes(f.bytes),
    formatCount(f.filtered),
    formatCount(f.tooLarge),
  ]);
  const widths = HEADINGS.map((heading, n) =>
    Math.max(heading.length, ...rows.map((row) => row[n].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, n) => (NUMERIC.has(n) ? cell.padStart(widths[n]) : cell.padEnd(widths[n])))
      .join('  ')
      .trimEnd();
  return [
    line(HEADINGS),
    ...folders.flatMap((folder, n) => [
      line(rows[n]),
      ...(folder.renamedBecause ? [`  renamed: ${folder.renamedBecause}`] : []),
    ]),
  ];
}
