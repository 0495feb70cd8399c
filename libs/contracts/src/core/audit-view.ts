import type { FolderAudit } from '../audit';

/** running: asked, no answer yet; done: every folder compared; failed: it could not run. */
export type AuditState = 'running' | 'done' | 'failed';

/** automatic: the pass after copying; on_demand: `btsx verify`, or Verify on the status page. */
export type AuditTrigger = 'automatic' | 'on_demand';

export interface AuditTotals {
  folders: number;
  missing: number;
  refused: number;
  /** Null when the job moved messages (Delete Source): extras cannot be told. */
  extra: number | null;
  /** At the destination, but rewritten by it (not byte for byte): not missing. */
  changed: number;
  flagDifferences: number;
  /** Source messages the job's message filter left out: not compared, never missing. */
  filtered: number;
  /** Folders that could not be compared. */
  unverified: number;
}

/** The latest audit of a job, as GET /api/jobs/:id shows it. */
export interface JobAuditView {
  id: string;
  trigger: AuditTrigger;
  state: AuditState;
  requestedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** The job moved messages: only what stayed in the source was compared. */
  deleteSource: boolean;
  /** Every message's SHA-256 was compared (Verify (deep)), not only ambiguous ones. */
  deep: boolean;
  /** Null while the audit runs. */
  totals: AuditTotals | null;
  /** The folders with a finding or an error; clean folders count in the totals only. */
  folders: FolderAudit[];
}
