import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a folder's destination shows every message (the plan's destinationIsView), for the
 * audit. Nullable: a folder planned before the column existed has it not recorded, and the
 * auditor then lists the destination itself.
 */
export class AddJobFolderDestinationIsView1768100000000 implements MigrationInterface {
  name = 'AddJobFolderDestinationIsView1768100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.job_folders ADD COLUMN destination_is_view boolean`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.job_folders DROP COLUMN destination_is_view`);
  }
}
