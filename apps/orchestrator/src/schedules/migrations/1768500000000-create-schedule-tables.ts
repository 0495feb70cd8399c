import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schedules: a job that starts at a given time and runs delta passes until its final pass.
 * The accounts as auth described them (no secret) and the ids of their held credentials,
 * which are null from the moment auth discarded them; each pass is a job of its own.
 */
export class CreateScheduleTables1768500000000 implements MigrationInterface {
  name = 'CreateScheduleTables1768500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE orchestrator.schedules (
        id uuid PRIMARY KEY,
        state text NOT NULL,
        options jsonb NOT NULL,
        source jsonb NOT NULL,
        destination jsonb NOT NULL,
        source_held_id uuid,
        destination_held_id uuid,
        time_zone text NOT NULL,
        start_at timestamptz NOT NULL,
        every_ms integer NOT NULL CHECK (every_ms > 0),
        ends_at timestamptz NOT NULL,
        next_pass_at timestamptz,
        passes_started integer NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`);
    await db.query(`
      CREATE INDEX schedules_live_idx ON orchestrator.schedules (next_pass_at)
        WHERE ended_at IS NULL`);
    await db.query(`
      CREATE TABLE orchestrator.schedule_passes (
        schedule_id uuid NOT NULL REFERENCES orchestrator.schedules (id) ON DELETE CASCADE,
        number integer NOT NULL,
        job_id uuid NOT NULL UNIQUE REFERENCES orchestrator.jobs (id) ON DELETE CASCADE,
        final boolean NOT NULL DEFAULT false,
        PRIMARY KEY (schedule_id, number)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE orchestrator.schedule_passes`);
    await db.query(`DROP TABLE orchestrator.schedules`);
  }
}
