import { JobAuditView } from '@btsx/contracts';
import { JobAuditEntity } from './job-audit.entity';

export function toAuditView(audit: JobAuditEntity | null): JobAuditView | null {
  if (!audit) return null;
  return { ...auditSummary(audit), folders: audit.folders };
}

/** The audit without its per-folder findings: what heads its report. */
export function auditSummary(audit: JobAuditEntity): Omit<JobAuditView, 'folders'> {
  return {
    id: audit.id,
    trigger: audit.trigger,
    state: audit.state,
    requestedAt: audit.requestedAt.toISOString(),
    finishedAt: audit.finishedAt?.toISOString() ?? null,
    error: audit.error,
    deleteSource: audit.deleteSource,
    deep: audit.deep,
    // Totals recorded before these counts have none: nothing was counted so.
    totals: audit.totals && {
      ...audit.totals,
      changed: audit.totals.changed ?? 0,
      filtered: audit.totals.filtered ?? 0,
    },
  };
}
