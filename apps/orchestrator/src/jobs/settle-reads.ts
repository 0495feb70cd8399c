import { FolderState } from '@btsx/contracts';
import { EntityManager } from 'typeorm';
import { TALLY_COLUMNS } from './task-tally.sql';
import { TaskTally } from './task-tally';

/** A folder's row as settling needs it, with the tally of its tasks. */
export interface SettlingFolder {
  jobId: string;
  position: number;
  source: string;
  destination: string;
  state: FolderState;
  error: string | null;
  tally: TaskTally | null;
}

/** What a job's settling reads: its touched folders and what decides whether it is over. */
export interface SettleReads {
  folders: SettlingFolder[];
  /** The tasks a plan placed, summed. */
  plan: TaskTally;
  /** The plan's folders, and how many of them the destination refused. */
  planned: number;
  refused: number;
}

/**
 * One round trip: the touched folders (all when `positions` is null) with their tasks'
 * tallies, and the whole plan's tally, summed by PostgreSQL. On this kind of machine a
 * query's cost is mostly its round trip, and a job of a thousand folders settles a thousand
 * times, so the three reads go as one.
 */
const SETTLE_READS = `
  WITH touched AS (
    SELECT f.job_id AS "jobId", f.position, f.source, f.destination, f.state, f.error
    FROM orchestrator.job_folders f
    WHERE f.job_id = $1 AND ($2::int[] IS NULL OR f.position = ANY($2))
  ), tallies AS (
    SELECT t.folder_position AS position, ${TALLY_COLUMNS}
    FROM orchestrator.job_tasks t
    WHERE t.job_id = $1 AND t.folder_position IN (SELECT position FROM touched)
    GROUP BY t.folder_position
  ), plan AS (
    SELECT ${TALLY_COLUMNS} FROM orchestrator.job_tasks t
    WHERE t.job_id = $1 AND t.folder_position IS NOT NULL
  )
  SELECT
    (SELECT row_to_json(plan) FROM plan) AS plan,
    (SELECT count(*)::int FROM orchestrator.job_folders WHERE job_id = $1) AS planned,
    (SELECT count(*)::int FROM orchestrator.job_folders WHERE job_id = $1 AND error IS NOT NULL)
      AS refused,
    (SELECT coalesce(json_agg(
        json_build_object('folder', row_to_json(touched), 'tally', row_to_json(tallies))
        ORDER BY touched.position), '[]')
      FROM touched LEFT JOIN tallies USING (position)) AS folders`;

interface Row {
  plan: TaskTally;
  planned: number;
  refused: number;
  folders: {
    folder: Omit<SettlingFolder, 'tally'>;
    tally: (TaskTally & { position: number }) | null;
  }[];
}

export async function readForSettle(
  tx: EntityManager,
  jobId: string,
  positions: number[] | undefined,
): Promise<SettleReads> {
  const [row]: Row[] = await tx.query(SETTLE_READS, [jobId, positions ?? null]);
  return {
    plan: row.plan,
    planned: row.planned,
    refused: row.refused,
    folders: row.folders.map(({ folder, tally }) => ({
      ...folder,
      tally: tally && withoutPosition(tally),
    })),
  };
}

function withoutPosition({
  position: _position,
  ...tally
}: TaskTally & { position: number }): TaskTally {
  return tally;
}
