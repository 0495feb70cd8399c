import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

const bigintNumber = { to: (v: number) => v, from: Number };

/**
 * One row of the copy ledger: within a scope (two accounts, a source and a destination
 * folder, each in one UIDVALIDITY; hashed by ledgerScopeKey), the destination UID of a
 * source UID. Kept beyond its job: reruns and delta passes read it.
 */
@Entity({ name: 'copy_ledger' })
export class CopyLedgerEntity {
  @PrimaryColumn({ name: 'scope', type: 'text' })
  scope: string;

  @PrimaryColumn({ name: 'source_uid', type: 'bigint', transformer: bigintNumber })
  sourceUid: number;

  @Column({ name: 'destination_uid', type: 'bigint', transformer: bigintNumber })
  destinationUid: number;

  @Index()
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
