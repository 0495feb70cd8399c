import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_AS_NUMBER, ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/** One message that could not be copied; unique per job, folder and UID. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'message_failures' })
export class MessageFailureEntity {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('uuid', { name: 'job_id' })
  jobId: string;

  @Column('text', { name: 'task_id' })
  taskId: string;

  @Column('text')
  folder: string;

  /** IMAP UIDs go up to 2^32 - 1, past a Postgres integer. */
  @Column('bigint', { transformer: BIGINT_AS_NUMBER })
  uid: number;

  @Column('bigint', { transformer: BIGINT_AS_NUMBER })
  size: number;

  @Column('text')
  reason: string;
}
