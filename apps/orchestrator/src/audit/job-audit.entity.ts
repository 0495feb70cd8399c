import {
  auditLogins,
  AuditState,
  AuditTotals,
  AuditTrigger,
  CredentialOwner,
  FolderAudit,
  jobLogins,
} from '@btsx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/** One completeness audit of a job: asked for, then answered by the auditor. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'job_audits' })
export class JobAuditEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'job_id' })
  jobId: string;

  @Column('text')
  trigger: AuditTrigger;

  @Column('text')
  state: AuditState;

  @Column('boolean', { name: 'delete_source' })
  deleteSource: boolean;

  /** Every message's SHA-256 compared (Verify (deep)); the automatic audit never is. */
  @Column('boolean', { default: false })
  deep: boolean;

  /** job.audit.requested is stored in JetStream; until then each change of the job retries. */
  @Column('boolean', { default: false })
  published: boolean;

  @Column('timestamptz', { name: 'requested_at' })
  requestedAt: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  @Column('text', { nullable: true })
  error: string | null;

  @Column('jsonb', { nullable: true })
  totals: AuditTotals | null;

  /**
   * The auditor's run (JetStream delivery) whose findings make up the report; null: no
   * report (the audit runs, failed, or its auditor sends none).
   */
  @Column('integer', { name: 'report_attempt', nullable: true })
  reportAttempt: number | null;

  /** The folders with a finding or an error. */
  @Column('jsonb', { default: () => `'[]'` })
  folders: FolderAudit[];
}

/**
 * Whose logins an audit signs in with: the job's own after its copy, fresh ones of its own
 * when asked for after the job ended (the job's were purged then).
 */
export function loginsOf(audit: Pick<JobAuditEntity, 'id' | 'jobId' | 'trigger'>): CredentialOwner {
  return audit.trigger === 'on_demand' ? auditLogins(audit.id) : jobLogins(audit.jobId);
}
