import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a job's or a batch's notifications go (deleted with it), and the outbox of
 * notifications to send: one row per event and channel, its key unique so an event
 * delivered twice is stored once, kept until sent or given up on.
 */
export class CreateNotificationTables1768420000000 implements MigrationInterface {
  name = 'CreateNotificationTables1768420000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE orchestrator.notify_targets (
        id bigserial PRIMARY KEY,
        job_id uuid UNIQUE REFERENCES orchestrator.jobs (id) ON DELETE CASCADE,
        batch_id uuid UNIQUE REFERENCES orchestrator.batches (id) ON DELETE CASCADE,
        email text,
        webhook_url text,
        webhook_secret text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (num_nonnulls(job_id, batch_id) = 1)
      )`);
    await db.query(`
      CREATE TABLE orchestrator.notifications (
        id bigserial PRIMARY KEY,
        key text NOT NULL UNIQUE,
        target_id bigint NOT NULL REFERENCES orchestrator.notify_targets (id) ON DELETE CASCADE,
        channel text NOT NULL,
        body jsonb NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        gave_up_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE INDEX notifications_due_idx ON orchestrator.notifications (next_attempt_at)
        WHERE sent_at IS NULL AND gave_up_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE orchestrator.notifications`);
    await db.query(`DROP TABLE orchestrator.notify_targets`);
  }
}
