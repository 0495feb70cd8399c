import type { MessageFailure } from '@btsx/contracts';
import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** How far one copy task got: resume point and counts so far, saved after every batch. */
@Entity({ name: 'checkpoints' })
export class CheckpointEntity {
  @PrimaryColumn({ name: 'task_id' })
  taskId: string;

  @Index()
  @Column({ name: 'job_id', type: 'uuid' })
  jobId: string;

  @Column({ name: 'uid_validity' })
  uidValidity: string;

  @Column({ name: 'last_uid', type: 'bigint', transformer: { to: (v) => v, from: Number } })
  lastUid: number;

  @Column({ type: 'int' })
  copied: number;

  @Column({ type: 'int' })
  skipped: number;

  @Column({ type: 'int' })
  failed: number;

  @Column({ type: 'int', default: 0 })
  filtered: number;

  @Column({ type: 'bigint', transformer: { to: (v) => v, from: Number } })
  bytes: number;

  @Column({ type: 'jsonb' })
  failures: MessageFailure[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  kept: MessageFailure[];

  /** The destination mark (Checkpoint.destinationMark): absent where the server did not say. */
  @Column({ name: 'destination_uid_validity', type: 'text', nullable: true })
  destinationUidValidity: string | null;

  @Column({
    name: 'destination_uid_next',
    type: 'bigint',
    nullable: true,
    transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) },
  })
  destinationUidNext: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
