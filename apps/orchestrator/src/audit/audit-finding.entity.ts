import { AuditFindingKind } from '@btsx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_AS_NUMBER, ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/**
 * One row of an audit's report: a finding as the auditor sent it in part `part` of run
 * `attempt`, at `position` in that part; plus the keys the report is sorted on.
 */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'audit_findings' })
export class AuditFindingEntity {
  @PrimaryColumn('uuid', { name: 'audit_id' })
  auditId: string;

  @PrimaryColumn('integer')
  attempt: number;

  @PrimaryColumn('integer')
  part: number;

  @PrimaryColumn('integer')
  position: number;

  /** The folder's place in the job's plan: the report lists folders in that order. */
  @Column('integer', { name: 'folder_position' })
  folderPosition: number;

  /** The kind's place in AUDIT_FINDING_KINDS: missing first, flags last. */
  @Column('smallint', { name: 'kind_rank' })
  kindRank: number;

  /** The UID the report sorts on: the source's, or the destination's for an extra letter. */
  @Column('bigint', { transformer: BIGINT_AS_NUMBER })
  uid: number;

  @Column('text')
  kind: AuditFindingKind;

  @Column('text', { name: 'source_folder' })
  sourceFolder: string;

  @Column('text', { name: 'destination_folder' })
  destinationFolder: string;

  /** IMAP UIDs go up to 2^32 - 1, past a Postgres integer. */
  @Column('bigint', { name: 'source_uid', nullable: true, transformer: BIGINT_AS_NUMBER })
  sourceUid: number | null;

  @Column('bigint', { name: 'source_size', nullable: true, transformer: BIGINT_AS_NUMBER })
  sourceSize: number | null;

  @Column('bigint', { name: 'destination_uid', nullable: true, transformer: BIGINT_AS_NUMBER })
  destinationUid: number | null;

  @Column('bigint', { name: 'destination_size', nullable: true, transformer: BIGINT_AS_NUMBER })
  destinationSize: number | null;

  @Column('text', { name: 'message_id', nullable: true })
  messageId: string | null;

  @Column('text', { nullable: true })
  date: string | null;

  @Column('text', { nullable: true })
  subject: string | null;

  @Column('text', { name: 'source_flags', array: true, nullable: true })
  sourceFlags: string[] | null;

  @Column('text', { name: 'destination_flags', array: true, nullable: true })
  destinationFlags: string[] | null;
}
