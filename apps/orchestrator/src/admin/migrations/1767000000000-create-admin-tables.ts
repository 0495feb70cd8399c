import { MigrationInterface, QueryRunner } from 'typeorm';

/** Admins of the batch dashboard, their sessions and API tokens. */
export class CreateAdminTables1767000000000 implements MigrationInterface {
  name = 'CreateAdminTables1767000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE orchestrator.admin_users (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE,
        password_hash text,
        invite_hash bytea UNIQUE,
        invite_expires_at timestamptz,
        invited_by uuid REFERENCES orchestrator.admin_users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE orchestrator.admin_tokens (
        id uuid PRIMARY KEY,
        admin_id uuid NOT NULL REFERENCES orchestrator.admin_users (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('session', 'api')),
        name text,
        token_hash bytea NOT NULL UNIQUE,
        csrf_token text,
        created_at timestamptz NOT NULL,
        expires_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE orchestrator.admin_tokens`);
    await db.query(`DROP TABLE orchestrator.admin_users`);
  }
}
