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
  'tenant.created',
  'tenant.changed',
  'tenant.deleted',
  'batch.created',
  'batch.paused',
  'batch.resumed',
  'batch.cancelled',
  'batch.deleted',
  'batch.retried',
  'batch.delta',
  'batch.limits-changed',
  'batch.schedule-set',
  'batch.final-pass',
  'batch.report-downloaded',
];
const TARGET_TYPES = ['admin', 'token', 'tenant', 'batch'];
const ADDED = [
  'tenant.created',
  'tenant.changed',
  'tenant.deleted',
  'batch.schedule-set',
  'batch.final-pass',
];

const quoted = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Tenants made, changed and deleted, a batch given a schedule, and a schedule's final pass
 * asked for are admin actions too. ALTER TABLE is no UPDATE: the append-only trigger lets it.
 */
export class AddTenantAndScheduleActions1768700000001 implements MigrationInterface {
  name = 'AddTenantAndScheduleActions1768700000001';

  async up(db: QueryRunner): Promise<void> {
    await allow(db, ACTIONS, TARGET_TYPES);
  }

  /** Refused by the database while a row names one of the added actions. */
  async down(db: QueryRunner): Promise<void> {
    const before = (values: string[]) => values.filter((v) => !ADDED.includes(v));
    await allow(
      db,
      before(ACTIONS),
      TARGET_TYPES.filter((t) => t !== 'tenant'),
    );
  }
}

async function allow(db: QueryRunner, actions: string[], targetTypes: string[]): Promise<void> {
  await db.query(`
    ALTER TABLE orchestrator.admin_activity
      DROP CONSTRAINT admin_activity_action_check,
      DROP CONSTRAINT admin_activity_target_type_check,
      ADD CONSTRAINT admin_activity_action_check CHECK (action IN (${quoted(actions)})),
      ADD CONSTRAINT admin_activity_target_type_check
        CHECK (target_type IN (${quoted(targetTypes)}))`);
}
