import { MigrationInterface, QueryRunner } from 'typeorm';

/** The completeness audit: its table, and the job states it adds (verifying, incomplete). */
export class AddJobAudits1760200000000 implements MigrationInterface {
  name = 'AddJobAudits1760200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orchestrator.jobs
        DROP CONSTRAINT jobs_status_check,
        ADD CONSTRAINT jobs_status_check CHECK (status IN ('queued', 'running', 'verifying',
          'completed', 'completed_with_errors', 'incomplete', 'failed', 'cancelled'))`);
    await db.query(`
      CREATE TABLE orchestrator.job_audits (
        id uuid PRIMARY KEY,
        job_id uuid NOT NULL REFERENCES orchestrator.jobs (id) ON DELETE CASCADE,
        trigger text NOT NULL,
        state text NOT NULL,
        delete_source boolean NOT NULL,
        source_credential_id uuid NOT NULL,
        destination_credential_id uuid NOT NULL,
        published boolean NOT NULL DEFAULT false,
        requested_at timestamptz NOT NULL,
        finished_at timestamptz,
        error text,
        totals jsonb,
        folders jsonb NOT NULL DEFAULT '[]',
        CONSTRAINT job_audits_trigger_check CHECK (trigger IN ('automatic', 'on_demand')),
        CONSTRAINT job_audits_state_check CHECK (state IN ('running', 'done', 'failed'))
      )`);
    await db.query(
      `CREATE INDEX job_audits_job_id_idx ON orchestrator.job_audits (job_id, requested_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE orchestrator.job_audits`);
    await db.query(`
      ALTER TABLE orchestrator.jobs
        DROP CONSTRAINT jobs_status_check,
        ADD CONSTRAINT jobs_status_check CHECK (status IN
          ('queued', 'running', 'completed', 'completed_with_errors', 'failed', 'cancelled'))`);
  }
}
