import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/** What the admin wants of a batch; its shown state also depends on its items. */
export type BatchIntent = 'running' | 'paused' | 'cancelled';

@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'batches' })
export class BatchEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** The tenant its items, jobs, reports and held credentials belong to. */
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;

  @Column('text')
  intent: BatchIntent;

  /** Jobs of the batch at once. */
  @Column('integer')
  concurrency: number;

  /** Jobs of the batch touching one mail host at once. */
  @Column('integer', { name: 'per_host_limit' })
  perHostLimit: number;

  @Column('text', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  /**
   * When the batch's last pass ended (its lines' last jobs): the expiry sweep stamps it, and
   * starting a pass clears it. Its stored passwords go BATCH_CREDENTIAL_DAYS after.
   */
  @Column('timestamptz', { name: 'last_pass_ended_at', nullable: true })
  lastPassEndedAt?: Date | null;

  /** When the stored passwords were deleted (expired, cancelled, schedule ended), and why. */
  @Column('timestamptz', { name: 'credentials_discarded_at', nullable: true })
  credentialsDiscardedAt?: Date | null;

  @Column('text', { name: 'credentials_discarded_why', nullable: true })
  credentialsDiscardedWhy?: string | null;
}
