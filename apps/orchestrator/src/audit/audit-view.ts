import { JobAuditView } from '@btsx/contracts';
import { JobAuditEntity } from './job-audit.entity';

export function toAuditView(audit: JobAuditEntity | null): JobAuditView | null {
  if (!audit) return null;
  return {
    id: audit.id,
    trigger: audit.trigger,
    state: audit.state,
    requestedAt: audit.requestedAt.toISOString(),
    finishedAt: audit.finishedAt?.toISOString() ?? null,
    error: audit.error,
    deleteSource: audit.deleteSource,
    deep: false,
    totals: audit.totals,
    folders: audit.folders,
  };
}
