import { MigrationInterface, QueryRunner } from 'typeorm';

const DEFAULT_TENANT_ID = '00000000-0000-4000-8000-000000000001';

/** Every batch belongs to one tenant; the ones made before tenants go to the default one. */
export class AddBatchTenant1768600000001 implements MigrationInterface {
  name = 'AddBatchTenant1768600000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orchestrator.batches
        ADD COLUMN tenant_id uuid NOT NULL DEFAULT '${DEFAULT_TENANT_ID}'
          REFERENCES orchestrator.tenants (id) ON DELETE RESTRICT`);
    await db.query(`ALTER TABLE orchestrator.batches ALTER COLUMN tenant_id DROP DEFAULT`);
    await db.query(`CREATE INDEX batches_tenant ON orchestrator.batches (tenant_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orchestrator.batches DROP COLUMN tenant_id`);
  }
}
