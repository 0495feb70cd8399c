import { TERMINAL_JOB_STATUSES } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/** Jobs per retention DELETE: keeps each transaction (and its cascade) short. */
const DELETE_CHUNK = 500;

/**
 * A job that is a pass of a schedule still running: the next pass starts from its marks, and
 * the schedule's page lists it, so it stays until the schedule ended.
 */
const PASS_OF_LIVE_SCHEDULE = `
  SELECT 1 FROM ${ORCHESTRATOR_SCHEMA}.schedule_passes p
  JOIN ${ORCHESTRATOR_SCHEMA}.schedules s ON s.id = p.schedule_id
  WHERE p.job_id = jobs.id AND s.ended_at IS NULL`;

/** The retention's statements: deleting the jobs, and the schedules, whose time is up. */
@Injectable()
export class ExpiredJobsStore {
  constructor(private readonly db: DataSource) {}

  /**
   * Deletes finished jobs that ended before `cutoff`, in chunks, and answers their ids;
   * their folders, tasks, lines, failures and audits go with them (ON DELETE CASCADE).
   * SKIP LOCKED: a job some handler holds right now is left for the next sweep, and two
   * replicas sweeping at once never wait on each other.
   */
  async deleteFinishedBefore(cutoff: Date): Promise<string[]> {
    const deleted: string[] = [];
    for (;;) {
      // A DELETE answers [rows, rowCount] through DataSource.query.
      const [rows] = (await this.db.query(
        `DELETE FROM ${ORCHESTRATOR_SCHEMA}.jobs WHERE id IN (
           SELECT id FROM ${ORCHESTRATOR_SCHEMA}.jobs
           WHERE status = ANY($1) AND finished_at < $2 AND NOT EXISTS (${PASS_OF_LIVE_SCHEDULE})
           LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [TERMINAL_JOB_STATUSES, cutoff, DELETE_CHUNK],
      )) as [{ id: string }[], number];
      deleted.push(...rows.map((r) => r.id));
      if (rows.length < DELETE_CHUNK) return deleted;
    }
  }

  /** Schedules that ended before `cutoff` (their passes are jobs, which age on their own). */
  async deleteSchedulesEndedBefore(cutoff: Date): Promise<number> {
    const [, count] = (await this.db.query(
      `DELETE FROM ${ORCHESTRATOR_SCHEMA}.schedules WHERE ended_at < $1`,
      [cutoff],
    )) as [unknown, number];
    return count;
  }
}
