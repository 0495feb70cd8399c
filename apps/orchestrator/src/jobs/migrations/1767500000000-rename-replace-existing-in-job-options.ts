import { MigrationInterface, QueryRunner } from 'typeorm';
import { renameOption } from '../../database/rename-option';

/**
 * Replace Existing is reconcileExisting in the code: it replaces nothing. Stored jobs take
 * the new name, so a job queued or running across the upgrade, and a restart of one, keep
 * the user's choice.
 */
export class RenameReplaceExistingInJobOptions1767500000000 implements MigrationInterface {
  name = 'RenameReplaceExistingInJobOptions1767500000000';

  async up(db: QueryRunner): Promise<void> {
    await renameOption(db, 'jobs', 'replaceExisting', 'reconcileExisting');
  }

  async down(db: QueryRunner): Promise<void> {
    await renameOption(db, 'jobs', 'reconcileExisting', 'replaceExisting');
  }
}
