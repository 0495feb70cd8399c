import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_AS_NUMBER, ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/** The batch's cumulative bytes and messages at one moment: the throughput chart's points. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'batch_samples' })
export class BatchSampleEntity {
  @PrimaryColumn('uuid', { name: 'batch_id' })
  batchId: string;

  @PrimaryColumn('timestamptz')
  at: Date;

  @Column('bigint', { transformer: BIGINT_AS_NUMBER })
  bytes: number;

  @Column('integer')
  copied: number;
}
