import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/**
 * Where batches go when an MSP admin names no tenant, and where every batch made before
 * tenants existed went on upgrade.
 */
export const DEFAULT_TENANT_ID = '00000000-0000-4000-8000-000000000001';

/** A customer of the MSP: its batches (their items, jobs, reports, credentials) and admins. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  name: string;

  /** Jobs of all the tenant's batches at once; null: BATCH_TENANT_CONCURRENCY. */
  @Column('integer', { nullable: true })
  concurrency: number | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
