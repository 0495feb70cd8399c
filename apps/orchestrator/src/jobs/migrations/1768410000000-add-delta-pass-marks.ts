import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delta passes: a job may be one (`delta`), each finished task keeps where its pass ended and
 * what it found changed, and a folder a delta pass found unchanged keeps the previous mark.
 */
export class AddDeltaPassMarks1768410000000 implements MigrationInterface {
  name = 'AddDeltaPassMarks1768410000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.jobs ADD COLUMN delta boolean NOT NULL DEFAULT false`);
    await db.query(
      `ALTER TABLE orchestrator.job_tasks ADD COLUMN mark jsonb, ADD COLUMN since_last_pass jsonb`,
    );
    await db.query(`ALTER TABLE orchestrator.job_folders ADD COLUMN mark jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.job_folders DROP COLUMN mark`);
    await db.query(
      `ALTER TABLE orchestrator.job_tasks DROP COLUMN mark, DROP COLUMN since_last_pass`,
    );
    await db.query(`ALTER TABLE orchestrator.jobs DROP COLUMN delta`);
  }
}
