import { MigrationInterface, QueryRunner } from 'typeorm';

/** The messages a job's message filter left out, counted with each checkpoint. */
export class AddFilteredToCheckpoints1768300000000 implements MigrationInterface {
  name = 'AddFilteredToCheckpoints1768300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "copier"."checkpoints" ADD COLUMN "filtered" int NOT NULL DEFAULT 0`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "copier"."checkpoints" DROP COLUMN "filtered"`);
  }
}
