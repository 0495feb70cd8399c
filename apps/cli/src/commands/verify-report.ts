import type { AuditedMessage, FolderAudit, JobAuditView } from '@btsx/contracts';
import { formatCount } from '@btsx/format';

/** Named messages listed per folder and finding before the report points at the status page. */
const MAX_LISTED_PER_FOLDER = 10;
/** Continuation lines line up under the text after "Audit:        ". */
const INDENT = '              ';

/** The audit's lines for `btsx status` and `btsx verify`. */
export function formatAudit(audit: JobAuditView | null): string[] {
  if (!audit) return ['Audit:        off (the job was started with Verify off)'];
  if (audit.state === 'running') {
    return [`Audit:        running${audit.deep ? ' (deep)' : ''}…`];
  }
  if (audit.state === 'failed' || !audit.totals) {
    return [`Audit:        could not run: ${audit.error ?? 'no answer'}`];
  }
  const t = audit.totals;
  const parts = [
    `${formatCount(t.missing)} missing`,
    `${formatCount(t.refused)} refused`,
    // A server older than the changed count leaves it out.
    ...(t.changed === undefined ? [] : [`${formatCount(t.changed)} changed by the destination`]),
    ...(t.extra === null ? [] : [`${formatCount(t.extra)} extra`]),
    `${formatCount(t.flagDifferences)} with other flags`,
    // A server older than the filters leaves the count out.
    ...(t.filtered ? [`${formatCount(t.filtered)} left out by the message filter`] : []),
  ];
  const lines = [`Audit:        ${formatCount(t.folders)} folders compared: ${parts.join(' · ')}`];
  if (audit.deep) lines.push(`${INDENT}(deep: every message's SHA-256 compared)`);
  if (audit.deleteSource)
    lines.push(`${INDENT}(Delete Source: only messages left in the source were compared)`);
  for (const folder of audit.folders) {
    lines.push(`  ${folder.source} → ${folder.destination}: ${folderFindings(folder)}`);
    for (const m of folder.samples.missing.slice(0, MAX_LISTED_PER_FOLDER)) {
      lines.push(`    missing: ${sourceMessage(m)}`);
    }
    for (const m of (folder.samples.changed ?? []).slice(0, MAX_LISTED_PER_FOLDER)) {
      lines.push(`    changed: ${sourceMessage(m)}${sizes(m)}`);
    }
  }
  return lines;
}

function folderFindings(folder: FolderAudit): string {
  if (folder.error) return folder.error;
  const parts = [
    folder.missing > 0 ? `${folder.missing} missing` : '',
    folder.refused > 0 ? `${folder.refused} refused` : '',
    folder.changed ? `${folder.changed} changed by the destination` : '',
    folder.extra ? `${folder.extra} extra` : '',
    folder.flagDifferences > 0 ? `${folder.flagDifferences} with other flags` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

function sourceMessage(m: AuditedMessage): string {
  return `source UID ${m.uid}${m.messageId ? ` ${m.messageId}` : ''}`;
}

/** " (1,204 bytes there, 1,210 in the source)": what the destination's rewrite did to the size. */
function sizes(m: AuditedMessage): string {
  return m.destinationSize === undefined
    ? ` (${formatCount(m.size)} bytes in the source)`
    : ` (${formatCount(m.destinationSize)} bytes there, ${formatCount(m.size)} in the source)`;
}
