import { ImapSecurity, JobOptions } from '@btsx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/**
 * pending: waits for room; starting: being handed to the job path; started: has a job
 * (its state is the job's); cancelled: will never run.
 */
export type BatchItemPhase = 'pending' | 'starting' | 'started' | 'cancelled';

/** One mailbox pair of a batch: hosts and usernames, its secrets only as ids in auth's vault. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'batch_items' })
export class BatchItemEntity {
  @PrimaryColumn('uuid', { name: 'batch_id' })
  batchId: string;

  /** The row's line in the imported CSV. */
  @PrimaryColumn('integer')
  line: number;

  @Column('text', { name: 'source_host' })
  sourceHost: string;

  @Column('integer', { name: 'source_port' })
  sourcePort: number;

  @Column('text', { name: 'source_security' })
  sourceSecurity: ImapSecurity;

  @Column('text', { name: 'source_username' })
  sourceUsername: string;

  @Column('text', { name: 'destination_host' })
  destinationHost: string;

  @Column('integer', { name: 'destination_port' })
  destinationPort: number;

  @Column('text', { name: 'destination_security' })
  destinationSecurity: ImapSecurity;

  @Column('text', { name: 'destination_username' })
  destinationUsername: string;

  /** Held in auth until the batch is cancelled or deleted; each run gets copies. */
  @Column('uuid', { name: 'source_credential_id', nullable: true })
  sourceCredentialId: string | null;

  @Column('uuid', { name: 'destination_credential_id', nullable: true })
  destinationCredentialId: string | null;

  @Column('jsonb')
  options: JobOptions;

  @Column('text')
  phase: BatchItemPhase;

  /** The latest run's job. */
  @Column('uuid', { name: 'job_id', nullable: true })
  jobId: string | null;

  @Column('integer', { default: 0 })
  runs: number;

  /**
   * The job the line's next run follows as a delta pass (the batch's delta action), until
   * that run starts; null for a full run.
   */
  @Column('uuid', { name: 'delta_of', nullable: true })
  deltaOf: string | null;

  /** Why the item could not be handed to the job path (the job's own errors are the job's). */
  @Column('text', { nullable: true })
  error: string | null;

  @Column('timestamptz', { name: 'phase_changed_at' })
  phaseChangedAt: Date;
}
