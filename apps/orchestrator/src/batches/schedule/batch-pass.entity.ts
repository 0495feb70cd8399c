import { PassChanges } from '@btsx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../../database/orchestrator-schema';

/** What a pass's jobs did, summed once the pass ended. */
export interface BatchPassTally extends PassChanges {
  copied: number;
  failed: number;
}

/** One pass of a batch's schedule: every line's job at once. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'batch_passes' })
export class BatchPassEntity {
  @PrimaryColumn('uuid', { name: 'batch_id' })
  batchId: string;

  @PrimaryColumn('integer')
  number: number;

  @Column('boolean')
  delta: boolean;

  @Column('boolean', { default: false })
  final: boolean;

  @Column('integer')
  lines: number;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;

  @Column('jsonb', { nullable: true })
  tally: BatchPassTally | null;
}
