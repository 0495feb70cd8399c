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

  @Column({ type: 'bigint', transformer: { to: (v) => v, from: Number } })
  bytes: number;

  @Column({ type: 'jsonb' })
  failures: { folder: string; uid: number; size: number; reason: string }[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
