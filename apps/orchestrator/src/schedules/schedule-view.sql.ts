import { JobStatus, PassChanges } from '@btsx/contracts';
import { EntityManager } from 'typeorm';
import { TALLY_COLUMNS } from '../jobs/task-tally.sql';
import { TaskTally } from '../jobs/task-tally';

/** A PassChanges summed over the tasks of a query whose job_tasks alias is `t`. */
export const PASS_CHANGE_COLUMNS = `
  coalesce(sum((t.since_last_pass->>'flagsChanged')::int), 0)::int AS "flagsChanged",
  coalesce(sum((t.since_last_pass->>'removed')::int), 0)::int AS "removed",
  count(*) FILTER (WHERE (t.since_last_pass->>'renumbered')::boolean)::int
    AS "renumberedFolders"`;

/**
 * Each pass of a schedule with its job's status, its tasks' sums, and what its tasks found
 * changed at the source since the pass before (delta passes), in one statement.
 */
const PASSES = `
  SELECT p.number, p.job_id AS "jobId", p.final, j.delta, j.status, j.total,
    j.created_at AS "createdAt", j.finished_at AS "finishedAt",
    (SELECT row_to_json(s) FROM (
      SELECT ${TALLY_COLUMNS},
        ${PASS_CHANGE_COLUMNS}
      FROM orchestrator.job_tasks t WHERE t.job_id = j.id
    ) s) AS tally
  FROM orchestrator.schedule_passes p JOIN orchestrator.jobs j ON j.id = p.job_id
  WHERE p.schedule_id = $1 ORDER BY p.number`;

export interface PassRow {
  number: number;
  jobId: string;
  final: boolean;
  delta: boolean;
  status: JobStatus;
  total: number | null;
  createdAt: Date;
  finishedAt: Date | null;
  tally: TaskTally & PassChanges;
}

export function readPasses(db: EntityManager, scheduleId: string): Promise<PassRow[]> {
  return db.query(PASSES, [scheduleId]);
}
