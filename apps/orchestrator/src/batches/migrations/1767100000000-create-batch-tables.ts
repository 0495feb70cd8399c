import { MigrationInterface, QueryRunner } from 'typeorm';

/** Batches of mailbox pairs imported from CSV, their items and throughput samples. */
export class CreateBatchTables1767100000000 implements MigrationInterface {
  name = 'CreateBatchTables1767100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE orchestrator.batches (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        intent text NOT NULL CHECK (intent IN ('running', 'paused', 'cancelled')),
        concurrency integer NOT NULL CHECK (concurrency > 0),
        per_host_limit integer NOT NULL CHECK (per_host_limit > 0),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE orchestrator.batch_items (
        batch_id uuid NOT NULL REFERENCES orchestrator.batches (id) ON DELETE CASCADE,
        line integer NOT NULL,
        source_host text NOT NULL,
        source_port integer NOT NULL,
        source_security text NOT NULL,
        source_username text NOT NULL,
        destination_host text NOT NULL,
        destination_port integer NOT NULL,
        destination_security text NOT NULL,
        destination_username text NOT NULL,
        source_credential_id uuid,
        destination_credential_id uuid,
        options jsonb NOT NULL,
        phase text NOT NULL CHECK (phase IN ('pending', 'starting', 'started', 'cancelled')),
        job_id uuid REFERENCES orchestrator.jobs (id) ON DELETE SET NULL,
        runs integer NOT NULL DEFAULT 0,
        error text,
        phase_changed_at timestamptz NOT NULL,
        PRIMARY KEY (batch_id, line)
      )`);
    await db.query(
      `CREATE INDEX batch_items_phase_idx ON orchestrator.batch_items (batch_id, phase)`,
    );
    await db.query(`CREATE INDEX batch_items_job_idx ON orchestrator.batch_items (job_id)`);
    await db.query(`
      CREATE TABLE orchestrator.batch_samples (
        batch_id uuid NOT NULL REFERENCES orchestrator.batches (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        bytes bigint NOT NULL,
        copied integer NOT NULL,
        PRIMARY KEY (batch_id, at)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE orchestrator.batch_samples`);
    await db.query(`DROP TABLE orchestrator.batch_items`);
    await db.query(`DROP TABLE orchestrator.batches`);
  }
}
