import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The OAuth provider each account signed in with, so that a restart or a Verify again asks
 * that provider for a fresh login, not a password. Null for an IMAP server and its password,
 * which is what every job written before this migration reads as.
 */
export class AddJobProviders1768300000000 implements MigrationInterface {
  name = 'AddJobProviders1768300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orchestrator.jobs
        ADD COLUMN source_provider text,
        ADD COLUMN destination_provider text,
        ADD CONSTRAINT jobs_source_provider_check
          CHECK (source_provider IN ('google', 'microsoft')),
        ADD CONSTRAINT jobs_destination_provider_check
          CHECK (destination_provider IN ('google', 'microsoft'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orchestrator.jobs
        DROP COLUMN destination_provider,
        DROP COLUMN source_provider`);
  }
}
