import { MigrationInterface, QueryRunner } from 'typeorm';

/** OAuth credentials: provider, access-token lifetime and a separately sealed refresh token. */
export class AddOAuthCredential1765000000000 implements MigrationInterface {
  name = 'AddOAuthCredential1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE "auth"."credential"
        ADD COLUMN "kind" varchar(16) NOT NULL DEFAULT 'password',
        ADD COLUMN "provider" varchar(32),
        ADD COLUMN "token_issued_at" timestamptz,
        ADD COLUMN "token_expires_at" timestamptz,
        ADD COLUMN "refresh_key_id" varchar(32),
        ADD COLUMN "refresh_nonce" bytea,
        ADD COLUMN "refresh_ciphertext" bytea,
        ADD COLUMN "refresh_auth_tag" bytea`);
    await runner.query(`
      ALTER TABLE "auth"."credential" ADD CONSTRAINT "credential_oauth_complete" CHECK (
        "kind" = 'password' OR ("provider" IS NOT NULL AND "token_expires_at" IS NOT NULL
          AND "refresh_ciphertext" IS NOT NULL))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE "auth"."credential"
        DROP CONSTRAINT "credential_oauth_complete",
        DROP COLUMN "kind", DROP COLUMN "provider", DROP COLUMN "token_issued_at",
        DROP COLUMN "token_expires_at", DROP COLUMN "refresh_key_id", DROP COLUMN "refresh_nonce",
        DROP COLUMN "refresh_ciphertext", DROP COLUMN "refresh_auth_tag"`);
  }
}
