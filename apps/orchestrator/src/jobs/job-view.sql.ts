import { JobFolderView, MessageFailureView } from '@btsx/contracts';
import { EntityManager } from 'typeorm';
import { JobEntity } from './job.entity';
import { TALLY_COLUMNS } from './task-tally.sql';
import { TaskTally } from './task-tally';
import type { ShownTarget } from '../notifications/notify-target';

/** Enough to read what went wrong; the page is not the place for a million-line report. */
const MAX_FAILURES_IN_VIEW = 1_000;

/**
 * A job's row, its folders with their tasks' sums, the sums of all its tasks and its first
 * failures, in one statement: one snapshot without a transaction, and one round trip, which
 * is most of a query's cost here (a status page or the bench reads a running job often).
 */
const JOB_VIEW = `
  SELECT j.id, j.status, j.options, j.restarted_from AS "restartedFrom", j.delta, j.total,
    j.error,
    j.source_host AS "sourceHost", j.source_port AS "sourcePort",
    j.source_security AS "sourceSecurity", j.source_username AS "sourceUsername",
    j.source_verify_certificate AS "sourceVerifyCertificate",
    j.source_provider AS "sourceProvider",
    j.destination_host AS "destinationHost", j.destination_port AS "destinationPort",
    j.destination_security AS "destinationSecurity",
    j.destination_username AS "destinationUsername",
    j.destination_verify_certificate AS "destinationVerifyCertificate",
    j.destination_provider AS "destinationProvider",
    j.created_at AS "createdAt", j.started_at AS "startedAt", j.finished_at AS "finishedAt",
    j.waiting_until AS "waitingUntil",
    (SELECT p.schedule_id FROM orchestrator.schedule_passes p WHERE p.job_id = j.id)
      AS "scheduleId",
    (SELECT row_to_json(s) FROM (
      SELECT ${TALLY_COLUMNS} FROM orchestrator.job_tasks t WHERE t.job_id = j.id
    ) s) AS tally,
    (SELECT json_build_object('email', n.email, 'webhookUrl', n.webhook_url)
      FROM orchestrator.notify_targets n WHERE n.job_id = j.id) AS notify,
    (SELECT coalesce(json_agg(json_build_object(
        'source', f.source, 'destination', f.destination, 'total', f.total,
        'copied', coalesce(s.copied, 0), 'skipped', coalesce(s.skipped, 0),
        'failed', coalesce(s.failed, 0), 'filtered', coalesce(s.filtered, 0), 'state', f.state,
        'error', f.error, 'rule', f.rule)
        ORDER BY f.position), '[]')
      FROM orchestrator.job_folders f
      LEFT JOIN (
        SELECT t.folder_position, sum(t.copied)::int AS copied, sum(t.skipped)::int AS skipped,
          sum(t.failed)::int AS failed, sum(t.filtered)::int AS filtered
        FROM orchestrator.job_tasks t WHERE t.job_id = j.id GROUP BY t.folder_position
      ) s ON s.folder_position = f.position
      WHERE f.job_id = j.id) AS folders,
    (SELECT coalesce(json_agg(m ORDER BY m.folder, m.uid), '[]') FROM (
      SELECT folder, uid, size, reason FROM orchestrator.message_failures
      WHERE job_id = j.id ORDER BY folder, uid LIMIT ${MAX_FAILURES_IN_VIEW}
    ) m) AS failures
  FROM orchestrator.jobs j WHERE j.id = $1`;

/** The columns of the job's row a view shows, by their entity names. */
export type ViewedJob = Pick<
  JobEntity,
  | 'id'
  | 'status'
  | 'options'
  | 'restartedFrom'
  | 'delta'
  | 'total'
  | 'error'
  | 'sourceHost'
  | 'sourcePort'
  | 'sourceSecurity'
  | 'sourceUsername'
  | 'sourceVerifyCertificate'
  | 'sourceProvider'
  | 'destinationHost'
  | 'destinationPort'
  | 'destinationSecurity'
  | 'destinationUsername'
  | 'destinationVerifyCertificate'
  | 'destinationProvider'
  | 'createdAt'
  | 'startedAt'
  | 'finishedAt'
  | 'waitingUntil'
>;

export interface JobViewRow extends ViewedJob {
  /** The schedule the job is a pass of, if it is one. */
  scheduleId: string | null;
  tally: TaskTally;
  /** The job's own notification target, without its secret; null when it has none. */
  notify: ShownTarget | null;
  folders: JobFolderView[];
  failures: MessageFailureView[];
}

/** Null when there is no such job. */
export async function readJobView(tx: EntityManager, jobId: string): Promise<JobViewRow | null> {
  const [row]: JobViewRow[] = await tx.query(JOB_VIEW, [jobId]);
  return row ?? null;
}
