import { MigrationInterface, QueryRunner } from 'typeorm';

/** Why the destination refused to create a folder (the folder is then failed, with no task). */
export class AddJobFolderError1767200000000 implements MigrationInterface {
  name = 'AddJobFolderError1767200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.job_folders ADD COLUMN error text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.job_folders DROP COLUMN error`);
  }
}
