import { FolderState, PlannedFolder } from '@btsx/contracts';
import { EntityManager } from 'typeorm';
import { StatusLine } from './status-lines';

/*
 * The statements that write many rows of a job at once. Each takes its rows as one array or
 * JSON parameter: TypeORM's multi-row INSERT builds a placeholder per value, and building
 * the plan of a thousand folders that way cost the orchestrator more than the database's
 * work. Every statement ends in a SELECT (or has no RETURNING): TypeORM answers a top-level
 * UPDATE's query() with [rows, count].
 */

/** A replayed plan refreshes names, counts, refusals and what the audit is told, never state. */
const UPSERT_FOLDERS = `
  INSERT INTO orchestrator.job_folders AS f
    (job_id, position, source, destination, total, state, error, skip_messages_in,
     destination_is_view, rule, mark)
  SELECT $1, r.position, r.source, r.destination, r.total, 'pending', r.error, r.skip, r.is_view,
    r.rule, r.mark
  FROM jsonb_to_recordset($2::jsonb) AS r(position int, source text, destination text,
    total int, error text, skip text[], is_view boolean, rule text, mark jsonb)
  ON CONFLICT (job_id, position) DO UPDATE SET source = EXCLUDED.source,
    destination = EXCLUDED.destination, total = EXCLUDED.total, error = EXCLUDED.error,
    skip_messages_in = EXCLUDED.skip_messages_in,
    destination_is_view = EXCLUDED.destination_is_view, rule = EXCLUDED.rule,
    mark = EXCLUDED.mark`;

/** Early-arrived tasks (progress or an end before the plan) learn their folder. */
const ASSIGN_TASKS = `
  INSERT INTO orchestrator.job_tasks (job_id, task_id, folder_position, state)
  SELECT $1, t.task_id, t.position, 'pending' FROM unnest($2::text[], $3::int[]) AS t(task_id, position)
  ON CONFLICT (job_id, task_id) DO UPDATE SET folder_position = EXCLUDED.folder_position`;

/** In the order given: the serial ids are the order a page shows them in. */
const ADD_LINES = `
  INSERT INTO orchestrator.job_events (job_id, at, level, message)
  SELECT $1, $2, l.level, l.message
  FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS l(level, message, n) ORDER BY l.n`;

/**
 * The rows to move are locked and read first, so the state each left can be returned; a row
 * that task progress moved meanwhile is read again once its lock is free (READ COMMITTED)
 * and judged by its new state.
 */
const MOVE_FOLDERS = `
  WITH wanted AS (
    SELECT * FROM unnest($2::int[], $3::text[], $4::text[]) AS w(position, seen, next)
  ), old AS (
    SELECT f.position, f.state AS before, w.next
    FROM orchestrator.job_folders f JOIN wanted w ON w.position = f.position
    WHERE f.job_id = $1 AND (f.state = w.seen
      OR (w.seen = 'pending' AND w.next <> 'copying' AND f.state = 'copying'))
    FOR UPDATE OF f
  ), moved AS (
    UPDATE orchestrator.job_folders f SET state = old.next
    FROM old WHERE f.job_id = $1 AND f.position = old.position
    RETURNING f.position, old.before
  )
  SELECT * FROM moved`;

/** A folder to move from the state it was read in to its next one. */
export interface FolderMove {
  position: number;
  from: FolderState;
  to: FolderState;
}

export async function upsertFolders(
  tx: EntityManager,
  jobId: string,
  folders: PlannedFolder[],
): Promise<void> {
  const rows = folders.map((f, position) => ({
    position,
    source: f.source,
    destination: f.destination,
    total: f.messages ?? null,
    error: f.error ?? null,
    skip: f.skipMessagesIn ?? null,
    is_view: f.destinationIsView ?? null,
    rule: f.rule ?? null,
    mark: f.mark ?? null,
  }));
  await tx.query(UPSERT_FOLDERS, [jobId, JSON.stringify(rows)]);
}

export async function assignTasks(
  tx: EntityManager,
  jobId: string,
  folders: PlannedFolder[],
): Promise<void> {
  const tasks = folders.flatMap((f, position) => f.taskIds.map((taskId) => ({ taskId, position })));
  if (tasks.length === 0) return;
  await tx.query(ASSIGN_TASKS, [jobId, tasks.map((t) => t.taskId), tasks.map((t) => t.position)]);
}

export async function addLines(
  tx: EntityManager,
  jobId: string,
  lines: StatusLine[],
): Promise<void> {
  if (lines.length === 0) return;
  const levels = lines.map((l) => l.level);
  await tx.query(ADD_LINES, [jobId, new Date(), levels, lines.map((l) => l.message)]);
}

/**
 * Moves each folder from `from` to `to`; the folders it moved, with the state each left. A
 * folder no longer in `from` stays, except one that was to leave `pending` for an end and is
 * `copying` now: task progress moves a folder from pending to copying without the job's
 * lock (TaskProgressStore), and the end still applies to it.
 */
export async function moveFolders(
  tx: EntityManager,
  jobId: string,
  moves: FolderMove[],
): Promise<Map<number, FolderState>> {
  if (moves.length === 0) return new Map();
  const rows: { position: number; before: FolderState }[] = await tx.query(MOVE_FOLDERS, [
    jobId,
    moves.map((m) => m.position),
    moves.map((m) => m.from),
    moves.map((m) => m.to),
  ]);
  return new Map(rows.map((r) => [r.position, r.before]));
}
