import { TaskProgress } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { copyingLine } from './status-lines';

/**
 * copyingLine as a template for PostgreSQL's format(): `%1$s` the source, `%2$s` the
 * destination, any `%` of the line's own text doubled. Built from copyingLine itself, so the
 * line has one wording whichever path writes it.
 */
const COPYING_LINE = (() => {
  const line = copyingLine({ source: '\u0001', destination: '\u0002' });
  const message = line.message
    .replace(/%/g, '%%')
    .replace('\u0001', '%1$s')
    .replace('\u0002', '%2$s');
  return { level: line.level, format: message };
})();

/**
 * One statement, and no lock on the job: the task takes its cumulative counts unless it is
 * over (a late or repeated progress changes nothing; a row that already has these counts is
 * not written again, as when every replica records the same broadcast), it is created when
 * progress overtook job.planned, and its folder leaves `pending` with its "Copying" line.
 *
 * Against the job's locked transactions (JobUpdater): they write the same task row, so one
 * waits for the other, and a task that is over keeps its final counts. Only this moves a
 * folder outside the job's lock, and only from pending to copying: the updater's folder
 * moves are conditional on the state they read and notice that one (JobStore.moveFolders).
 * The line's INSERT, like a task's, needs only a key-share lock on the job row, which the
 * updater's FOR NO KEY UPDATE does not block.
 */
const RECORD_PROGRESS = `
  WITH task AS (
    INSERT INTO orchestrator.job_tasks AS t
      (job_id, task_id, folder_position, state, copied, skipped, failed, filtered, bytes)
    SELECT $1, $2, NULL, 'copying', $3, $4, $5, $6, $7
    WHERE EXISTS (SELECT 1 FROM orchestrator.jobs WHERE id = $1)
    ON CONFLICT (job_id, task_id) DO UPDATE
      SET state = 'copying', copied = EXCLUDED.copied, skipped = EXCLUDED.skipped,
          failed = EXCLUDED.failed, filtered = EXCLUDED.filtered, bytes = EXCLUDED.bytes
      WHERE t.state IN ('pending', 'copying')
        AND (t.state, t.copied, t.skipped, t.failed, t.filtered, t.bytes)
          IS DISTINCT FROM ('copying', EXCLUDED.copied, EXCLUDED.skipped, EXCLUDED.failed,
                            EXCLUDED.filtered, EXCLUDED.bytes)
    RETURNING t.folder_position
  ), folder AS (
    UPDATE orchestrator.job_folders f SET state = 'copying'
    FROM task
    WHERE f.job_id = $1 AND f.position = task.folder_position AND f.state = 'pending'
    RETURNING f.source, f.destination
  )
  INSERT INTO orchestrator.job_events (job_id, at, level, message)
  SELECT $1, now(), $8, format($9, folder.source, folder.destination) FROM folder`;

/** Task progress (core NATS, lossy) into the database, beside the job's locked path. */
@Injectable()
export class TaskProgressStore {
  constructor(private readonly db: DataSource) {}

  async record({ jobId, taskId, counts }: TaskProgress): Promise<void> {
    const { copied, skipped, failed, filtered = 0, bytes } = counts;
    await this.db.query(RECORD_PROGRESS, [
      jobId,
      taskId,
      copied,
      skipped,
      failed,
      filtered,
      bytes,
      COPYING_LINE.level,
      COPYING_LINE.format,
    ]);
  }
}
