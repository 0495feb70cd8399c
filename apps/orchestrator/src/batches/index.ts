import { BatchCommandsService } from './batch-commands.service';
import { BatchCredentials } from './batch-credentials';
import { BatchImportService } from './batch-import.service';
import { BatchItemEntity } from './batch-item.entity';
import { BatchSampleEntity } from './batch-sample.entity';
import { BatchSampler } from './batch-sampler';
import { BatchScheduler } from './batch-scheduler';
import { BatchStore } from './batch-store';
import { BatchViewReader } from './batch-view.reader';
import { BatchController } from './batch.controller';
import { BatchEntity } from './batch.entity';
import { CreateBatchTables1767100000000 } from './migrations/1767100000000-create-batch-tables';

export const BATCH_ENTITIES = [BatchEntity, BatchItemEntity, BatchSampleEntity];
export const BATCH_MIGRATIONS = [CreateBatchTables1767100000000];
export const BATCH_CONTROLLERS = [BatchController];
export const BATCH_PROVIDERS = [
  BatchStore,
  BatchCredentials,
  BatchSampler,
  BatchScheduler,
  BatchImportService,
  BatchCommandsService,
  BatchViewReader,
];
