import { JobAuditView } from '@btsx/contracts';
import { EntityManager } from 'typeorm';

/**
 * The job's latest audit as the job's view shows it. Jobs owns the question; the audit
 * module answers it. An abstract class rather than an interface, so that Nest can inject by it.
 */
export abstract class LatestAudit {
  /** Null for a job never audited; read on the caller's transaction (the view's snapshot). */
  abstract view(tx: EntityManager, jobId: string): Promise<JobAuditView | null>;
}
