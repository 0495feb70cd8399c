import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credentials become capabilities: a verified one is found only by its token's hash, from the
 * session it was given to, for its side; a claimed one only by its owner (a job or an audit)
 * and side. Unused rows of the old shape could never be claimed and go now. Used ones stay:
 * a batch's held credentials are still found by their id; those of jobs running across the
 * upgrade can no longer be resolved (docs/deploy.md: let jobs finish before upgrading).
 */
export class BindCredentials1768000000000 implements MigrationInterface {
  name = 'BindCredentials1768000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM "auth"."credential" WHERE "used_at" IS NULL`);
    await runner.query(`
      ALTER TABLE "auth"."credential"
        ADD COLUMN "side" varchar(16),
        ADD COLUMN "owner" varchar(64),
        ADD COLUMN "token_hash" varchar(43),
        ADD COLUMN "session_hash" varchar(43)`);
    await runner.query(
      `CREATE UNIQUE INDEX "credential_token" ON "auth"."credential" ("token_hash")`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX "credential_owner_side" ON "auth"."credential" ("owner", "side")`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "auth"."credential_owner_side"`);
    await runner.query(`DROP INDEX "auth"."credential_token"`);
    await runner.query(`
      ALTER TABLE "auth"."credential"
        DROP COLUMN "side", DROP COLUMN "owner", DROP COLUMN "token_hash",
        DROP COLUMN "session_hash"`);
  }
}
