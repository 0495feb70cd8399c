import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/** Where one job's or one batch's notifications go. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'notify_targets' })
export class NotifyTargetEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'job_id', nullable: true })
  jobId: string | null;

  @Column('uuid', { name: 'batch_id', nullable: true })
  batchId: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { name: 'webhook_url', nullable: true })
  webhookUrl: string | null;

  /** The HMAC key of the webhook's signature; shown to its owner once, at creation. */
  @Column('text', { name: 'webhook_secret', nullable: true })
  webhookSecret: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
