import { MigrationInterface, QueryRunner } from 'typeorm';

/** The orchestrator's tables; DatabaseModule created the schema before migrations run. */
export class CreateOrchestratorTables1760000000000 implements MigrationInterface {
  name = 'CreateOrchestratorTables1760000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE orchestrator.jobs (
        id uuid PRIMARY KEY,
        status text NOT NULL,
        options jsonb NOT NULL,
        source_credential_id uuid NOT NULL,
        destination_credential_id uuid NOT NULL,
        source_host text NOT NULL,
        source_username text NOT NULL,
        destination_host text NOT NULL,
        destination_username text NOT NULL,
        planned boolean NOT NULL DEFAULT false,
        total integer,
        error text,
        finish_published boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT jobs_status_check CHECK (status IN
          ('queued', 'running', 'completed', 'completed_with_errors', 'failed', 'cancelled'))
      )`);
    await db.query(`
      CREATE TABLE orchestrator.job_folders (
        job_id uuid NOT NULL REFERENCES orchestrator.jobs (id) ON DELETE CASCADE,
        position integer NOT NULL,
        source text NOT NULL,
        destination text NOT NULL,
        total integer,
        state text NOT NULL DEFAULT 'pending',
        PRIMARY KEY (job_id, position),
        CONSTRAINT job_folders_state_check CHECK (state IN ('pending', 'copying', 'done', 'failed'))
      )`);
    await db.query(`
      CREATE TABLE orchestrator.job_tasks (
        job_id uuid NOT NULL REFERENCES orchestrator.jobs (id) ON DELETE CASCADE,
        task_id text NOT NULL,
        folder_position integer,
        state text NOT NULL DEFAULT 'pending',
        copied integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        bytes bigint NOT NULL DEFAULT 0,
        reason text,
        PRIMARY KEY (job_id, task_id),
        CONSTRAINT job_tasks_state_check CHECK (state IN ('pending', 'copying', 'done', 'failed'))
      )`);
    await db.query(`
      CREATE TABLE orchestrator.job_events (
        id serial PRIMARY KEY,
        job_id uuid NOT NULL REFERENCES orchestrator.jobs (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        level text NOT NULL,
        message text NOT NULL,
        CONSTRAINT job_events_level_check CHECK (level IN ('info', 'warning', 'error'))
      )`);
    await db.query(`CREATE INDEX job_events_job_id_idx ON orchestrator.job_events (job_id, id)`);
    await db.query(`
      CREATE TABLE orchestrator.message_failures (
        id serial PRIMARY KEY,
        job_id uuid NOT NULL REFERENCES orchestrator.jobs (id) ON DELETE CASCADE,
        task_id text NOT NULL,
        folder text NOT NULL,
        uid bigint NOT NULL,
        size bigint NOT NULL,
        reason text NOT NULL,
        CONSTRAINT message_failures_job_folder_uid_key UNIQUE (job_id, folder, uid)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE orchestrator.message_failures`);
    await db.query(`DROP TABLE orchestrator.job_events`);
    await db.query(`DROP TABLE orchestrator.job_tasks`);
    await db.query(`DROP TABLE orchestrator.job_folders`);
    await db.query(`DROP TABLE orchestrator.jobs`);
  }
}
