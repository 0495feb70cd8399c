import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ScheduleGridColumns } from '../../schedules/schedule-grid-columns';
import { ORCHESTRATOR_SCHEMA } from '../../database/orchestrator-schema';

/**
 * A batch's schedule: a pass of every line at a given time, then delta passes every N hours
 * until its final pass. Every change is made under the batch's row lock.
 */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'batch_schedules' })
export class BatchScheduleEntity extends ScheduleGridColumns {
  @PrimaryColumn('uuid', { name: 'batch_id' })
  batchId: string;

  /**
   * Made with the batch (the import): its first pass is the batch's first run, and the lines
   * wait for it. A schedule given later starts with a delta pass.
   */
  @Column('boolean', { name: 'first_pass_full' })
  firstPassFull: boolean;

  @Column('boolean', { name: 'mirror_deletions', default: false })
  mirrorDeletions: boolean;
}
