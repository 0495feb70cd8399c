import { FolderState, PlannedFolder, TaskFinished } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JobTaskEntity, TaskState } from './job-task.entity';
import { JobEntity } from './job.entity';
import { MessageFailureEntity } from './message-failure.entity';
import { addLines, assignTasks, FolderMove, moveFolders, upsertFolders } from './job-rows.sql';
import { StatusLine } from './status-lines';

/**
 * The task as it was (under its row's lock), then updated from it, or inserted when it was
 * not there: UPDATE ... FROM a locked read is how one statement returns a row's old values.
 */
const FINISH_TASK = `
  WITH old AS (
    SELECT state FROM orchestrator.job_tasks WHERE job_id = $1 AND task_id = $2 FOR UPDATE
  ), updated AS (
    UPDATE orchestrator.job_tasks t
    SET state = 'done', copied = $3, skipped = $4, failed = $5, filtered = $6, bytes = $7,
        reason = NULL, mark = $8, since_last_pass = $9
    FROM old WHERE t.job_id = $1 AND t.task_id = $2
    RETURNING t.folder_position AS position, old.state AS before
  ), inserted AS (
    INSERT INTO orchestrator.job_tasks
      (job_id, task_id, folder_position, state, copied, skipped, failed, filtered, bytes, reason,
       mark, since_last_pass)
    SELECT $1, $2, NULL, 'done', $3, $4, $5, $6, $7, NULL, $8, $9
    WHERE NOT EXISTS (SELECT 1 FROM old)
    ON CONFLICT DO NOTHING
    RETURNING folder_position AS position, NULL::text AS before
  )
  SELECT * FROM updated UNION ALL SELECT * FROM inserted`;

/** Rows per multi-row INSERT: far below Postgres' 65535 bind parameters. */
const INSERT_CHUNK = 1_000;

/** The orchestrator's SQL, each method on the caller's transaction. */
@Injectable()
export class JobStore {
  constructor(private readonly db: DataSource) {}

  /** Outside any transaction: each statement is a snapshot of its own. */
  get reader(): EntityManager {
    return this.db.manager;
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Reads from one snapshot: a view assembled from several queries must not pair a job row
   * from before a commit with an audit row from after it.
   */
  snapshot<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('REPEATABLE READ', work);
  }

  /**
   * SELECT ... FOR NO KEY UPDATE: every writer of a job queues behind this lock, across
   * replicas. Not FOR UPDATE: rows that only reference the job (a task's progress, its
   * "Copying" line) take a key-share lock on it and need not wait for the job's writers.
   */
  lockJob(tx: EntityManager, id: string): Promise<JobEntity | null> {
    return tx
      .getRepository(JobEntity)
      .findOne({ where: { id }, lock: { mode: 'for_no_key_update' } });
  }

  /** The job's tenant: null for a job without one, and for no such job. */
  async tenantOf(id: string): Promise<string | null> {
    const job = await this.db
      .getRepository(JobEntity)
      .findOne({ where: { id }, select: { id: true, tenantId: true } });
    return job?.tenantId ?? null;
  }

  findJob(tx: EntityManager, id: string): Promise<JobEntity | null> {
    return tx.getRepository(JobEntity).findOneBy({ id });
  }

  /** In one statement: see job-rows.sql.ts. */
  moveFolders(
    tx: EntityManager,
    jobId: string,
    moves: FolderMove[],
  ): Promise<Map<number, FolderState>> {
    return moveFolders(tx, jobId, moves);
  }

  /**
   * Inserts the plan's folders; a replayed plan refreshes names, counts, refusals and what a
   * folder's copy leaves out, never state. One statement.
   */
  upsertFolders(tx: EntityManager, jobId: string, folders: PlannedFolder[]): Promise<void> {
    return upsertFolders(tx, jobId, folders);
  }

  /** Creates the plan's tasks, or tells early-arrived ones which folder they belong to. */
  assignTasks(tx: EntityManager, jobId: string, folders: PlannedFolder[]): Promise<void> {
    return assignTasks(tx, jobId, folders);
  }

  async findOrNewTask(tx: EntityManager, jobId: string, taskId: string): Promise<JobTaskEntity> {
    const repo = tx.getRepository(JobTaskEntity);
    const found = await repo.findOneBy({ jobId, taskId });
    return (
      found ??
      repo.create({
        jobId,
        taskId,
        folderPosition: null,
        state: 'pending',
        copied: 0,
        skipped: 0,
        failed: 0,
        filtered: 0,
        bytes: 0,
        reason: null,
      })
    );
  }

  /**
   * task.finished, the last word on a task, in one statement: the task is done with these
   * counts, inserted if it overtook the plan. Returns its folder and the state it left (null:
   * new), read under the row's lock, so a progress written meanwhile is seen.
   */
  async finishTask(
    tx: EntityManager,
    jobId: string,
    { taskId, counts, mark, sinceLastPass }: TaskFinished,
  ): Promise<{ position: number | null; before: TaskState | null }> {
    const { copied, skipped, failed, filtered = 0, bytes } = counts;
    const json = (value: object | undefined) => (value ? JSON.stringify(value) : null);
    const values = [copied, skipped, failed, filtered, bytes, json(mark), json(sinceLastPass)];
    const finish = () => tx.query(FINISH_TASK, [jobId, taskId, ...values]);
    // Empty only when a progress inserted the task between our look and our insert: it is
    // there now, so the second try updates it.
    let rows = await finish();
    if (rows.length === 0) rows = await finish();
    return rows[0];
  }

  /** One statement: a task the plan created is updated, an early one inserted. */
  async saveTask(tx: EntityManager, task: JobTaskEntity): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(JobTaskEntity)
      .values(task)
      .orUpdate(
        ['state', 'copied', 'skipped', 'failed', 'filtered', 'bytes', 'reason'],
        ['job_id', 'task_id'],
      )
      .updateEntity(false)
      .execute();
  }

  /** A redelivered task.finished inserts nothing twice. */
  async insertFailures(tx: EntityManager, rows: Omit<MessageFailureEntity, 'id'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await tx
        .createQueryBuilder()
        .insert()
        .into(MessageFailureEntity)
        .values(rows.slice(i, i + INSERT_CHUNK))
        .orIgnore()
        .execute();
    }
  }

  /** One statement, the lines in their order. */
  addLines(tx: EntityManager, jobId: string, lines: StatusLine[]): Promise<void> {
    return addLines(tx, jobId, lines);
  }

  async saveJob(tx: EntityManager, job: JobEntity): Promise<void> {
    await tx.getRepository(JobEntity).save(job);
  }

  /** Writes the columns that differ from the row as it was locked; nothing when none does. */
  async updateJob(tx: EntityManager, locked: JobEntity, job: JobEntity): Promise<void> {
    const changed: Partial<JobEntity> = {};
    for (const key of Object.keys(job) as (keyof JobEntity)[]) {
      if (JSON.stringify(job[key]) !== JSON.stringify(locked[key])) {
        Object.assign(changed, { [key]: job[key] });
      }
    }
    if (Object.keys(changed).length === 0) return;
    await tx.getRepository(JobEntity).update({ id: job.id }, changed);
  }

  /** Folders, tasks, lines and failures go with it (ON DELETE CASCADE). */
  async deleteJob(tx: EntityManager, id: string): Promise<void> {
    await tx.getRepository(JobEntity).delete({ id });
  }

  async markFinishPublished(id: string): Promise<void> {
    await this.db.getRepository(JobEntity).update({ id }, { finishPublished: true });
  }
}
