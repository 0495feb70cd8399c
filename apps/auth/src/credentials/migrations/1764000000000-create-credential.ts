import { MigrationInterface, QueryRunner } from 'typeorm';

/** The schema itself is created by DatabaseModule before migrations run. */
export class CreateCredential1764000000000 implements MigrationInterface {
  name = 'CreateCredential1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "auth"."credential" (
        "id" uuid PRIMARY KEY,
        "host" varchar(253) NOT NULL,
        "port" integer NOT NULL,
        "security" varchar(16) NOT NULL,
        "verify_certificate" boolean NOT NULL,
        "username" varchar(320) NOT NULL,
        "key_id" varchar(32) NOT NULL,
        "nonce" bytea NOT NULL,
        "ciphertext" bytea NOT NULL,
        "auth_tag" bytea NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "used_at" timestamptz
      )`);
    // The purge looks only at never-used rows, oldest first.
    await runner.query(
      `CREATE INDEX "credential_unused_created_at" ON "auth"."credential" ("created_at") WHERE "used_at" IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "auth"."credential"`);
  }
}
