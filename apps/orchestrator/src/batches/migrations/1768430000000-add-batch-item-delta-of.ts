import { MigrationInterface, QueryRunner } from 'typeorm';

/** A batch's delta action runs each line as a delta pass of its last job: which one. */
export class AddBatchItemDeltaOf1768430000000 implements MigrationInterface {
  name = 'AddBatchItemDeltaOf1768430000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.batch_items ADD COLUMN delta_of uuid`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.batch_items DROP COLUMN delta_of`);
  }
}
