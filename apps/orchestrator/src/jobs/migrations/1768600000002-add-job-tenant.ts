import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A job a batch started belongs to the batch's tenant, and keeps it when the batch is
 * deleted or the job restarted; a job started from the start page has none (null). Jobs of
 * batches that exist are found through their items, and their earlier passes through
 * `restarted_from`.
 */
export class AddJobTenant1768600000002 implements MigrationInterface {
  name = 'AddJobTenant1768600000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orchestrator.jobs
        ADD COLUMN tenant_id uuid REFERENCES orchestrator.tenants (id) ON DELETE RESTRICT`);
    await db.query(`
      WITH RECURSIVE owned (job_id, tenant_id) AS (
        SELECT i.job_id, b.tenant_id
        FROM orchestrator.batch_items i JOIN orchestrator.batches b ON b.id = i.batch_id
        WHERE i.job_id IS NOT NULL
        UNION
        SELECT j.restarted_from, owned.tenant_id
        FROM owned JOIN orchestrator.jobs j ON j.id = owned.job_id
        WHERE j.restarted_from IS NOT NULL
      )
      UPDATE orchestrator.jobs j SET tenant_id = owned.tenant_id
      FROM owned WHERE owned.job_id = j.id`);
    await db.query(
      `CREATE INDEX jobs_tenant ON orchestrator.jobs (tenant_id) WHERE tenant_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.jobs DROP COLUMN tenant_id`);
  }
}
