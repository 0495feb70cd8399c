import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A job no longer keeps its credentials' ids: auth keeps the logins under the job, and an id
 * in a table or a backup must not be something to sign in with.
 */
export class DropJobCredentialIds1768000000000 implements MigrationInterface {
  name = 'DropJobCredentialIds1768000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orchestrator.jobs
        DROP COLUMN source_credential_id, DROP COLUMN destination_credential_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orchestrator.jobs
        ADD COLUMN source_credential_id uuid, ADD COLUMN destination_credential_id uuid`);
  }
}
