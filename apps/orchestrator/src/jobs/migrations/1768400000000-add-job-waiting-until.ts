import { MigrationInterface, QueryRunner } from 'typeorm';

/** Until when a job waits for an account's transfer quota: its ETA counts the wait. */
export class AddJobWaitingUntil1768400000000 implements MigrationInterface {
  name = 'AddJobWaitingUntil1768400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.jobs ADD COLUMN waiting_until timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.jobs DROP COLUMN waiting_until`);
  }
}
