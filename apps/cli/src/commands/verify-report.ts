import type { JobAuditView } from '@btsx/contracts';
import { formatCount } from '@btsx/format';

/** Named messages listed per folder before the report points at the status page. */
const MAX_LISTED_PER_FOLDER = 10;

/** The audit's lines for `btsx status` and `btsx verify`. */
export function formatAudit(audit: JobAuditView | null): string[] {
  if (!audit) return ['Audit:        off (the job was started with Verify off)'];
  if (audit.state === 'running') return ['Audit:        running…'];
  if (audit.state === 'failed' || !audit.totals) {
    return [`Audit:        could not run: ${audit.error ?? 'no answer'}`];
  }
  const t = audit.totals;
  const parts = [
    `${formatCount(t.missing)} missing`,
    `${formatCount(t.refused)} refused`,
    ...(t.extra === null ? [] : [`${formatCount(t.extra)} extra`]),
    `${formatCount(t.flagDifferences)} with other flags`,
  ];
  const lines = [`Audit:        ${formatCount(t.folders)} folders compared: ${parts.join(' · ')}`];
  if (audit.deleteSource)
    lines.push('              (Delete Source: only messages left in the source were compared)');
  for (const folder of audit.folders) {
    lines.push(`  ${folder.source} → ${folder.destination}: ${folderFindings(folder)}`);
    for (const m of folder.samples.missing.slice(0, MAX_LISTED_PER_FOLDER)) {
      lines.push(`    missing: source UID ${m.uid}${m.messageId ? ` ${m.messageId}` : ''}`);
    }
  }
  return lines;
}

function folderFindings(folder: JobAuditView['folders'][number]): string {
  if (folder.error) return folder.error;
  const parts = [
    folder.missing > 0 ? `${folder.missing} missing` : '',
    folder.refused > 0 ? `${folder.refused} refused` : '',
    folder.extra ? `${folder.extra} extra` : '',
    folder.flagDifferences > 0 ? `${folder.flagDifferences} with other flags` : '',
  ];
  return parts.filter(Boolean).join(', ');
}
