import { type FolderMark, FolderState } from '@btsx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/** One folder of a job's plan; its counters are sums over its tasks. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'job_folders' })
export class JobFolderEntity {
  @PrimaryColumn('uuid', { name: 'job_id' })
  jobId: string;

  /** Index in the plan: keeps the order discovery chose. */
  @PrimaryColumn('integer')
  position: number;

  @Column('text')
  source: string;

  @Column('text')
  destination: string;

  /** Message count from discovery, when it counted. */
  @Column('integer', { nullable: true })
  total: number | null;

  /** Kept so a status line is written once per transition, whatever the event order. */
  @Column('text')
  state: FolderState;

  /** Why the destination refused to create the folder; null for a folder it created. */
  @Column('text', { nullable: true })
  error: string | null;

  /**
   * The folders whose messages this folder's copy leaves out (the plan's skipMessagesIn:
   * Gmail's All Mail leaves out the labels), passed on to the audit. Null where the plan
   * named none, and in rows written before the column existed: not recorded.
   */
  @Column('text', { name: 'skip_messages_in', array: true, nullable: true })
  skipMessagesIn: string[] | null;

  /**
   * The plan's destinationIsView (the destination shows every message: extras are expected),
   * passed on to the audit. Null in rows written before the column existed: not recorded.
   */
  @Column('boolean', { name: 'destination_is_view', nullable: true })
  destinationIsView: boolean | null;

  /** The user's folder rule that sent it (or its parent) here, in words; null where none did. */
  @Column('text', { nullable: true })
  rule: string | null;

  /** Where a folder without a task stands (empty, or unchanged since the last pass): its mark. */
  @Column('jsonb', { nullable: true })
  mark: FolderMark | null;
}
