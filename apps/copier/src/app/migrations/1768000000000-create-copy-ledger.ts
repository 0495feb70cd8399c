import { MigrationInterface, QueryRunner } from 'typeorm';

/** The copy ledger, and the destination mark and kept messages of a checkpoint. */
export class CreateCopyLedger1768000000000 implements MigrationInterface {
  name = 'CreateCopyLedger1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "copier"."copy_ledger" (
        "scope" text NOT NULL,
        "source_uid" bigint NOT NULL,
        "destination_uid" bigint NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("scope", "source_uid")
      )`);
    await queryRunner.query(
      `CREATE INDEX "copy_ledger_recorded_at" ON "copier"."copy_ledger" ("recorded_at")`,
    );
    await queryRunner.query(`
      ALTER TABLE "copier"."checkpoints"
        ADD COLUMN "kept" jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN "destination_uid_validity" text,
        ADD COLUMN "destination_uid_next" bigint`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "copier"."checkpoints"
        DROP COLUMN "kept",
        DROP COLUMN "destination_uid_validity",
        DROP COLUMN "destination_uid_next"`);
    await queryRunner.query(`DROP TABLE "copier"."copy_ledger"`);
  }
}
