import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A batch's schedule of delta passes and its passes, and when its stored passwords expire:
 * when its last pass ended (stamped by the expiry sweep, cleared when a pass starts), and when
 * and why they were deleted.
 */
export class AddBatchSchedules1768800000000 implements MigrationInterface {
  name = 'AddBatchSchedules1768800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orchestrator.batches
        ADD COLUMN last_pass_ended_at timestamptz,
        ADD COLUMN credentials_discarded_at timestamptz,
        ADD COLUMN credentials_discarded_why text`);
    await db.query(`
      CREATE TABLE orchestrator.batch_schedules (
        batch_id uuid PRIMARY KEY REFERENCES orchestrator.batches (id) ON DELETE CASCADE,
        state text NOT NULL,
        time_zone text NOT NULL,
        start_at timestamptz NOT NULL,
        every_ms integer NOT NULL CHECK (every_ms > 0),
        ends_at timestamptz NOT NULL,
        next_pass_at timestamptz,
        passes_started integer NOT NULL DEFAULT 0,
        first_pass_full boolean NOT NULL,
        mirror_deletions boolean NOT NULL DEFAULT false,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`);
    await db.query(`
      CREATE TABLE orchestrator.batch_passes (
        batch_id uuid NOT NULL REFERENCES orchestrator.batch_schedules (batch_id) ON DELETE CASCADE,
        number integer NOT NULL,
        delta boolean NOT NULL,
        final boolean NOT NULL DEFAULT false,
        lines integer NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        tally jsonb,
        PRIMARY KEY (batch_id, number)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE orchestrator.batch_passes`);
    await db.query(`DROP TABLE orchestrator.batch_schedules`);
    await db.query(`
      ALTER TABLE orchestrator.batches
        DROP COLUMN last_pass_ended_at,
        DROP COLUMN credentials_discarded_at,
        DROP COLUMN credentials_discarded_why`);
  }
}
