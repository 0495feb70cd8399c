import { AuditFolderRequest, SinceLastPass } from '@btsx/contracts';
import { DataSource } from 'typeorm';

/** What a delta pass's audit compares of one folder: nothing, or the range the pass copied. */
export type DeltaScope = Pick<AuditFolderRequest, 'range' | 'unchanged'>;

/** Each folder of the job: whether it kept a mark without a task, and its tasks' findings. */
const FOLDER_PASSES = `
  SELECT f.position, f.mark IS NOT NULL AS marked,
    COALESCE(jsonb_agg(t.since_last_pass) FILTER (WHERE t.task_id IS NOT NULL), '[]') AS passes
  FROM orchestrator.job_folders f
  LEFT JOIN orchestrator.job_tasks t ON t.job_id = f.job_id AND t.folder_position = f.position
  WHERE f.job_id = $1
  GROUP BY f.position, f.mark`;

interface FolderPasses {
  position: number;
  marked: boolean;
  passes: (SinceLastPass | null)[];
}

/**
 * Per folder position of a delta pass, what its automatic audit needs to compare: nothing for
 * a folder the pass found unchanged, the copied range for one it brought up to date in one
 * task from the start; every other folder (renumbered, new, resumed) is compared whole.
 */
export async function deltaScopes(db: DataSource, jobId: string): Promise<Map<number, DeltaScope>> {
  const rows: FolderPasses[] = await db.query(FOLDER_PASSES, [jobId]);
  const scopes = new Map<number, DeltaScope>();
  for (const { position, marked, passes } of rows) {
    if (marked && passes.length === 0) scopes.set(position, { unchanged: true });
    const range = passes.length === 1 ? passes[0]?.copiedFrom : undefined;
    if (range) scopes.set(position, { range });
  }
  return scopes;
}
