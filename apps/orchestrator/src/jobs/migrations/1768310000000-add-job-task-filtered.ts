import { MigrationInterface, QueryRunner } from 'typeorm';

/** The messages a job's message filter left out, per task: counted, never missing. */
export class AddJobTaskFiltered1768310000000 implements MigrationInterface {
  name = 'AddJobTaskFiltered1768310000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE orchestrator.job_tasks ADD COLUMN filtered integer NOT NULL DEFAULT 0`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.job_tasks DROP COLUMN filtered`);
  }
}
