import { Checkpoint, CheckpointStore } from '@btsx/imap';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CheckpointEntity } from './checkpoint.entity';

/** Checkpoints in the copier's own schema; keyed by task, dropped when the job ends. */
@Injectable()
export class PostgresCheckpointStore implements CheckpointStore {
  constructor(
    @InjectRepository(CheckpointEntity) private readonly rows: Repository<CheckpointEntity>,
  ) {}

  async load(taskId: string): Promise<Checkpoint | null> {
    const row = await this.rows.findOneBy({ taskId });
    if (!row) return null;
    const { uidValidity, lastUid, copied, skipped, failed, filtered, bytes, failures, kept } = row;
    const { destinationUidValidity, destinationUidNext } = row;
    const destinationMark =
      destinationUidValidity !== null && destinationUidNext !== null
        ? { uidValidity: destinationUidValidity, uidNext: destinationUidNext }
        : undefined;
    return {
      uidValidity,
      lastUid,
      copied,
      skipped,
      failed,
      filtered,
      bytes,
      failures,
      kept,
      destinationMark,
    };
  }

  async save(taskId: string, checkpoint: Checkpoint): Promise<void> {
    const { destinationMark, kept = [], ...rest } = checkpoint;
    // One INSERT … ON CONFLICT; save() would SELECT the row first, for every batch copied.
    await this.rows.upsert(
      {
        taskId,
        jobId: jobIdOf(taskId),
        ...rest,
        kept,
        destinationUidValidity: destinationMark?.uidValidity ?? null,
        destinationUidNext: destinationMark?.uidNext ?? null,
      },
      ['taskId'],
    );
  }

  async deleteJob(jobId: string): Promise<void> {
    await this.rows.delete({ jobId });
  }
}

/** Task ids are `jobId/folder/range`. */
function jobIdOf(taskId: string): string {
  return taskId.split('/')[0];
}
