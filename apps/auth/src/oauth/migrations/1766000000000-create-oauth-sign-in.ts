import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pending OAuth sign-ins, shared by every auth replica: a sign-in started on one replica
 * finishes on any other, and survives a restart. Keyed by a hash of the state.
 */
export class CreateOAuthSignIn1766000000000 implements MigrationInterface {
  name = 'CreateOAuthSignIn1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "auth"."oauth_sign_in" (
        "state_hash" bytea PRIMARY KEY,
        "flow" jsonb NOT NULL,
        "used" boolean NOT NULL DEFAULT false,
        "expires_at" timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX "oauth_sign_in_expires_at" ON "auth"."oauth_sign_in" ("expires_at")`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "auth"."oauth_sign_in"`);
  }
}
