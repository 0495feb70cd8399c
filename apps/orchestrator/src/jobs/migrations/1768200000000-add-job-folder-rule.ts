import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The user's folder rule that sent a folder where it went (the plan's rule), for the status
 * page's folder table. Null where no rule applied, and for folders planned before rules.
 */
export class AddJobFolderRule1768200000000 implements MigrationInterface {
  name = 'AddJobFolderRule1768200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.job_folders ADD COLUMN rule text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.job_folders DROP COLUMN rule`);
  }
}
