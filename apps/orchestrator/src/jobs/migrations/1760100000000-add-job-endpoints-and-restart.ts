import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a restart needs (each account's port, security and certificate check, the job it
 * restarted) and what the retention sweep looks jobs up by (finished_at).
 */
export class AddJobEndpointsAndRestart1760100000000 implements MigrationInterface {
  name = 'AddJobEndpointsAndRestart1760100000000';

  async up(db: QueryRunner): Promise<void> {
    // Jobs written before this migration did not keep port and security: they get the IMAP
    // defaults (implicit TLS, 993), which a restart then verifies against. Retention deletes
    // such jobs within days, so the guess does not live long.
    await db.query(`
      ALTER TABLE orchestrator.jobs
        ADD COLUMN source_port integer NOT NULL DEFAULT 993,
        ADD COLUMN source_security text NOT NULL DEFAULT 'tls',
        ADD COLUMN source_verify_certificate boolean NOT NULL DEFAULT true,
        ADD COLUMN destination_port integer NOT NULL DEFAULT 993,
        ADD COLUMN destination_security text NOT NULL DEFAULT 'tls',
        ADD COLUMN destination_verify_certificate boolean NOT NULL DEFAULT true,
        ADD COLUMN restarted_from uuid REFERENCES orchestrator.jobs (id) ON DELETE SET NULL,
        ADD CONSTRAINT jobs_source_security_check
          CHECK (source_security IN ('tls', 'starttls', 'none')),
        ADD CONSTRAINT jobs_destination_security_check
          CHECK (destination_security IN ('tls', 'starttls', 'none'))`);
    await db.query(`
      ALTER TABLE orchestrator.jobs
        ALTER COLUMN source_port DROP DEFAULT,
        ALTER COLUMN source_security DROP DEFAULT,
        ALTER COLUMN destination_port DROP DEFAULT,
        ALTER COLUMN destination_security DROP DEFAULT`);
    await db.query(
      `CREATE INDEX jobs_finished_at_idx ON orchestrator.jobs (finished_at)
         WHERE finished_at IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX orchestrator.jobs_finished_at_idx`);
    await db.query(`
      ALTER TABLE orchestrator.jobs
        DROP COLUMN restarted_from,
        DROP COLUMN destination_verify_certificate,
        DROP COLUMN destination_security,
        DROP COLUMN destination_port,
        DROP COLUMN source_verify_certificate,
        DROP COLUMN source_security,
        DROP COLUMN source_port`);
  }
}
