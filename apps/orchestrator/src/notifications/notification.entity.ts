import type { NotificationBody } from '@btsx/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

export type NotifyChannel = 'email' | 'webhook';

/** One notification to send on one channel: the outbox row the sweeper works through. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** `job:<id>:finished:webhook`…: the same event stored twice is one row. */
  @Column('text', { unique: true })
  key: string;

  @Column('bigint', { name: 'target_id' })
  targetId: string;

  @Column('text')
  channel: NotifyChannel;

  @Column('jsonb')
  body: NotificationBody;

  @Column('integer')
  attempts: number;

  @Column('timestamptz', { name: 'next_attempt_at' })
  nextAttemptAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column('timestamptz', { name: 'gave_up_at', nullable: true })
  gaveUpAt: Date | null;

  /** Why the last attempt failed, without the URL's path or any secret. */
  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
