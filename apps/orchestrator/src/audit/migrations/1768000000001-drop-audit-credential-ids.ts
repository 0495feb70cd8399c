import { MigrationInterface, QueryRunner } from 'typeorm';

/** An audit's logins are found by the audit (or its job) at auth, not by ids kept here. */
export class DropAuditCredentialIds1768000000001 implements MigrationInterface {
  name = 'DropAuditCredentialIds1768000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orchestrator.job_audits
        DROP COLUMN source_credential_id, DROP COLUMN destination_credential_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orchestrator.job_audits
        ADD COLUMN source_credential_id uuid, ADD COLUMN destination_credential_id uuid`);
  }
}
