import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The folders whose messages a folder's copy leaves out (the plan's skipMessagesIn), for the
 * audit. Nullable: a folder planned before the column existed has it not recorded, and the
 * auditor then applies the planner's rule itself.
 */
export class AddJobFolderSkipMessagesIn1767400000000 implements MigrationInterface {
  name = 'AddJobFolderSkipMessagesIn1767400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.job_folders ADD COLUMN skip_messages_in text[]`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.job_folders DROP COLUMN skip_messages_in`);
  }
}
