import { FolderMark, PassedFolder } from '@btsx/contracts';
import { EntityManager } from 'typeorm';

/** Each folder of a job with its carried mark and its tasks' (state, id, mark). */
const FOLDER_MARKS = `
  SELECT f.source, f.destination, f.mark,
    COALESCE(jsonb_agg(jsonb_build_object('id', t.task_id, 'state', t.state, 'mark', t.mark))
      FILTER (WHERE t.task_id IS NOT NULL), '[]') AS tasks
  FROM orchestrator.job_folders f
  LEFT JOIN orchestrator.job_tasks t ON t.job_id = f.job_id AND t.folder_position = f.position
  WHERE f.job_id = $1 AND f.error IS NULL
  GROUP BY f.position, f.source, f.destination, f.mark
  ORDER BY f.position`;

interface TaskMark {
  id: string;
  state: string;
  mark: FolderMark | null;
}

interface FolderMarks {
  source: string;
  destination: string;
  mark: FolderMark | null;
  tasks: TaskMark[];
}

/**
 * Where each folder of a finished job ended, for its delta pass. A folder with a task that
 * did not finish, or that finished without a mark (a copier older than marks), has none: the
 * delta pass copies it whole, the copy ledger keeping what is there from being copied twice.
 */
export async function passedFolders(tx: EntityManager, jobId: string): Promise<PassedFolder[]> {
  const rows: FolderMarks[] = await tx.query(FOLDER_MARKS, [jobId]);
  return rows.flatMap(({ source, destination, mark, tasks }) => {
    const ended = mark ?? folderMark(tasks);
    return ended ? [{ ...ended, source, destination }] : [];
  });
}

/**
 * A folder's mark from its tasks' (UID ranges of one folder, the last open-ended): the last
 * range's end, from the oldest HIGHESTMODSEQ any range began at. The message count is a
 * single task's alone: ranges opened the folder at different times.
 */
export function folderMark(tasks: TaskMark[]): FolderMark | undefined {
  const marks = tasks.map((t) => (t.state === 'done' ? t.mark : null));
  if (marks.length === 0 || marks.some((m) => m === null)) return undefined;
  const done = marks as FolderMark[];
  if (done.length === 1) return done[0];
  if (new Set(done.map((m) => m.uidValidity)).size > 1) return undefined;
  const last = done[lastRange(tasks)];
  const modseqs = done.map((m) => m.highestModseq);
  const oldest = modseqs.every((m) => m !== undefined)
    ? modseqs
        .map(BigInt)
        .reduce((a, b) => (a < b ? a : b))
        .toString()
    : undefined;
  const { uidValidity, uidNext, mailboxId } = last;
  return { uidValidity, uidNext, highestModseq: oldest, ...(mailboxId && { mailboxId }) };
}

/** The index of the task of the folder's last range: task ids end in their range's number. */
function lastRange(tasks: TaskMark[]): number {
  const range = (t: TaskMark) => Number(t.id.slice(t.id.lastIndexOf('/') + 1));
  return tasks.reduce((last, t, n) => (range(t) > range(tasks[last]) ? n : last), 0);
}
