import { MigrationInterface, QueryRunner } from 'typeorm';
import { renameOption } from '../../database/rename-option';

/**
 * Replace Existing is reconcileExisting in the code: a batch row imported, retried or given
 * a delta pass before the upgrade starts its next job with the choice it had.
 */
export class RenameReplaceExistingInBatchOptions1767500000001 implements MigrationInterface {
  name = 'RenameReplaceExistingInBatchOptions1767500000001';

  async up(db: QueryRunner): Promise<void> {
    await renameOption(db, 'batch_items', 'replaceExisting', 'reconcileExisting');
  }

  async down(db: QueryRunner): Promise<void> {
    await renameOption(db, 'batch_items', 'reconcileExisting', 'replaceExisting');
  }
}
