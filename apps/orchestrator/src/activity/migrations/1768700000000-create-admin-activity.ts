import { MigrationInterface, QueryRunner } from 'typeorm';

/** ACTIVITY_ACTIONS as of this migration, written out: a later action comes with its own. */
const ACTIONS = [
  'admin.signed-in',
  'admin.sign-in-failed',
  'admin.signed-out',
  'admin.invited',
  'admin.invitation-accepted',
  'admin.removed',
  'admin.role-changed',
  'token.created',
  'token.revoked',
  'batch.created',
  'batch.paused',
  'batch.resumed',
  'batch.cancelled',
  'batch.deleted',
  'batch.retried',
  'batch.delta',
  'batch.limits-changed',
  'batch.report-downloaded',
];

const quoted = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The activity log: who did what to which batch, admin or token, from where. Append-only:
 * a statement trigger refuses every UPDATE, DELETE and TRUNCATE, whoever runs it (the app
 * connects as the table's owner, so a REVOKE would not bind it). No foreign keys on
 * purpose: an admin, token or batch deleted later keeps its rows, and ON DELETE SET NULL
 * would be an UPDATE.
 */
export class CreateAdminActivity1768700000000 implements MigrationInterface {
  name = 'CreateAdminActivity1768700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE orchestrator.admin_activity (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL CHECK (action IN (${quoted(ACTIONS)})),
        actor_admin_id uuid,
        actor_email text,
        actor_token_id uuid,
        actor_token_name text,
        target_type text CHECK (target_type IN (${quoted(['admin', 'token', 'batch'])})),
        target_id text,
        target_label text,
        tenant_id uuid,
        ip text NOT NULL,
        user_agent text,
        detail jsonb NOT NULL DEFAULT '{}',
        CHECK (actor_admin_id IS NOT NULL OR actor_token_id IS NOT NULL
               OR action = 'admin.sign-in-failed')
      )`);
    for (const column of ['actor_admin_id', 'actor_token_id', 'target_id', 'tenant_id']) {
      await db.query(
        `CREATE INDEX admin_activity_${column} ON orchestrator.admin_activity (${column}, id)`,
      );
    }
    await db.query(`CREATE INDEX admin_activity_at ON orchestrator.admin_activity (at)`);
    await db.query(`
      CREATE FUNCTION orchestrator.refuse_admin_activity_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'admin_activity is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    // FOR EACH STATEMENT: refused even when no row matches, and TRUNCATE fires no row trigger.
    await db.query(`
      CREATE TRIGGER admin_activity_append_only
      BEFORE UPDATE OR DELETE OR TRUNCATE ON orchestrator.admin_activity
      FOR EACH STATEMENT EXECUTE FUNCTION orchestrator.refuse_admin_activity_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE orchestrator.admin_activity`);
    await db.query(`DROP FUNCTION orchestrator.refuse_admin_activity_change()`);
  }
}
