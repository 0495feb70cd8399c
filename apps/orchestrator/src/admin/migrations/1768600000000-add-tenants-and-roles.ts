import { MigrationInterface, QueryRunner } from 'typeorm';

const DEFAULT_TENANT_ID = '00000000-0000-4000-8000-000000000001';
const ROLES = `('viewer', 'operator', 'owner')`;

/**
 * Tenants, and roles for admins and API tokens. Admins and tokens that existed could do
 * everything: they become owners without a tenant (MSP owners), so nobody loses access.
 */
export class AddTenantsAndRoles1768600000000 implements MigrationInterface {
  name = 'AddTenantsAndRoles1768600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE orchestrator.tenants (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE,
        concurrency integer CHECK (concurrency > 0),
        created_at timestamptz NOT NULL
      )`);
    await db.query(
      `INSERT INTO orchestrator.tenants (id, name, created_at) VALUES ($1, 'Default', now())`,
      [DEFAULT_TENANT_ID],
    );
    await db.query(`
      ALTER TABLE orchestrator.admin_users
        ADD COLUMN role text NOT NULL DEFAULT 'owner' CHECK (role IN ${ROLES}),
        ADD COLUMN tenant_id uuid REFERENCES orchestrator.tenants (id) ON DELETE CASCADE`);
    await db.query(`ALTER TABLE orchestrator.admin_users ALTER COLUMN role DROP DEFAULT`);
    await db.query(`
      ALTER TABLE orchestrator.admin_tokens
        ADD COLUMN role text CHECK (role IN ${ROLES}),
        ADD COLUMN tenant_id uuid REFERENCES orchestrator.tenants (id) ON DELETE CASCADE,
        ADD COLUMN last_used_at timestamptz`);
    await db.query(`UPDATE orchestrator.admin_tokens SET role = 'owner' WHERE kind = 'api'`);
    await db.query(`
      ALTER TABLE orchestrator.admin_tokens
        ADD CONSTRAINT admin_tokens_api_role CHECK (kind <> 'api' OR role IS NOT NULL)`);
    await db.query(`CREATE INDEX admin_users_tenant ON orchestrator.admin_users (tenant_id)`);
    await db.query(`CREATE INDEX admin_tokens_admin ON orchestrator.admin_tokens (admin_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX orchestrator.admin_tokens_admin`);
    await db.query(`
      ALTER TABLE orchestrator.admin_tokens
        DROP CONSTRAINT admin_tokens_api_role,
        DROP COLUMN last_used_at, DROP COLUMN tenant_id, DROP COLUMN role`);
    await db.query(`ALTER TABLE orchestrator.admin_users DROP COLUMN tenant_id, DROP COLUMN role`);
    await db.query(`DROP TABLE orchestrator.tenants`);
  }
}
