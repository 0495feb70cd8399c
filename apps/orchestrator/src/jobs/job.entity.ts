import { ImapSecurity, JobOptions, JobStatus, OAuthProviderId } from '@btsx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/** One migration job. Keeps hosts and usernames only: secrets stay in auth. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'jobs' })
export class JobEntity {
  /**
   * A random v4 UUID: knowing it is what lets a browser see a job without a tenant. A
   * tenant's job (a batch's) answers only its tenant's admins (JobAccessGuard).
   */
  @PrimaryColumn('uuid')
  id: string;

  /** The tenant of the batch that started the job (or of the job it restarts); null: nobody's. */
  @Column('uuid', { name: 'tenant_id', nullable: true })
  tenantId: string | null;

  @Column('text')
  status: JobStatus;

  @Column('jsonb')
  options: JobOptions;

  @Column('text', { name: 'source_host' })
  sourceHost: string;

  @Column('text', { name: 'source_username' })
  sourceUsername: string;

  /** Port, security and certificate check: what a restart authenticates the account with. */
  @Column('integer', { name: 'source_port' })
  sourcePort: number;

  @Column('text', { name: 'source_security' })
  sourceSecurity: ImapSecurity;

  @Column('boolean', { name: 'source_verify_certificate', default: true })
  sourceVerifyCertificate: boolean;

  /** The OAuth provider the account signs in with; null for a password. */
  @Column('text', { name: 'source_provider', nullable: true })
  sourceProvider: OAuthProviderId | null;

  @Column('text', { name: 'destination_host' })
  destinationHost: string;

  @Column('text', { name: 'destination_username' })
  destinationUsername: string;

  @Column('integer', { name: 'destination_port' })
  destinationPort: number;

  @Column('text', { name: 'destination_security' })
  destinationSecurity: ImapSecurity;

  @Column('boolean', { name: 'destination_verify_certificate', default: true })
  destinationVerifyCertificate: boolean;

  @Column('text', { name: 'destination_provider', nullable: true })
  destinationProvider: OAuthProviderId | null;

  /** The job this one is a restart of; null once that job is deleted. */
  @Column('uuid', { name: 'restarted_from', nullable: true })
  restartedFrom: string | null;

  /** A delta pass of `restartedFrom`: only what changed at the source since it was copied. */
  @Column('boolean', { default: false })
  delta: boolean;

  /** job.planned arrived: folders and tasks are known. */
  @Column('boolean', { default: false })
  planned: boolean;

  /** Sum of the planned folders' message counts, when discovery counted every folder. */
  @Column('integer', { nullable: true })
  total: number | null;

  @Column('text', { nullable: true })
  error: string | null;

  /** job.finished is stored in JetStream; until then every handler retries publishing it. */
  @Column('boolean', { name: 'finish_published', default: false })
  finishPublished: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  /** The latest time a task said it resumes after waiting for an account's transfer quota. */
  @Column('timestamptz', { name: 'waiting_until', nullable: true })
  waitingUntil: Date | null;
}
