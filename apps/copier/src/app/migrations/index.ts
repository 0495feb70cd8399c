import { CreateCheckpoints1732460000000 } from './1732460000000-create-checkpoints';
import { CreateCopyLedger1768000000000 } from './1768000000000-create-copy-ledger';
import { AddFilteredToCheckpoints1768300000000 } from './1768300000000-add-filtered-to-checkpoints';

/** The copier schema's migrations, in order: what the service and its schema tests run. */
export const COPIER_MIGRATIONS = [
  CreateCheckpoints1732460000000,
  CreateCopyLedger1768000000000,
  AddFilteredToCheckpoints1768300000000,
];
