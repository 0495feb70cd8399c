import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCheckpoints1732460000000 implements MigrationInterface {
  name = 'CreateCheckpoints1732460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "copier"."checkpoints" (
        "task_id" text PRIMARY KEY,
        "job_id" uuid NOT NULL,
        "uid_validity" text NOT NULL,
        "last_uid" bigint NOT NULL,
        "copied" integer NOT NULL,
        "skipped" integer NOT NULL,
        "failed" integer NOT NULL,
        "bytes" bigint NOT NULL,
        "failures" jsonb NOT NULL DEFAULT '[]',
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "checkpoints_job_id" ON "copier"."checkpoints" ("job_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "copier"."checkpoints"`);
  }
}
