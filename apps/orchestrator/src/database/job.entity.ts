import { JobOptions, JobStatus } from '@btsx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from './orchestrator-schema';

/** One migration job. Keeps hosts and usernames only: secrets stay in auth. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'jobs' })
export class JobEntity {
  /** A random v4 UUID: knowing it is what lets a browser see the job. */
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  status: JobStatus;

  @Column('jsonb')
  options: JobOptions;

  @Column('uuid', { name: 'source_credential_id' })
  sourceCredentialId: string;

  @Column('uuid', { name: 'destination_credential_id' })
  destinationCredentialId: string;

  @Column('text', { name: 'source_host' })
  sourceHost: string;

  @Column('text', { name: 'source_username' })
  sourceUsername: string;

  @Column('text', { name: 'destination_host' })
  destinationHost: string;

  @Column('text', { name: 'destination_username' })
  destinationUsername: string;

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
}
