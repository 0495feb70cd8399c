import { Module } from '@nestjs/common';
import { ActivityLogModule } from '../activity';
import { AdminModule } from '../admin';
import { FeatureTables } from '../database/feature-tables';
import { JobsModule } from '../jobs/jobs.module';
import { NotifyTargetsModule } from '../notifications/notify-targets.module';
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
import { RenameReplaceExistingInBatchOptions1767500000001 } from './migrations/1767500000001-rename-replace-existing-in-batch-options';
import { AddBatchItemDeltaOf1768430000000 } from './migrations/1768430000000-add-batch-item-delta-of';
import { AddBatchTenant1768600000001 } from './migrations/1768600000001-add-batch-tenant';
import { BatchTenantGuard } from './batch-tenant.guard';
import { AddBatchSchedules1768800000000 } from './migrations/1768800000000-add-batch-schedules';
import { BatchCredentialExpiry } from './batch-credential-expiry';
import { BatchRequeue } from './batch-requeue';
import { BatchPassEntity } from './schedule/batch-pass.entity';
import { BatchScheduleEntity } from './schedule/batch-schedule.entity';
import { BatchScheduleCommands } from './schedule/batch-schedule-commands';
import { BatchSchedulePasses } from './schedule/batch-schedule-passes';
import { BatchScheduleRunner } from './schedule/batch-schedule-runner';
import { BatchScheduleStore } from './schedule/batch-schedule.store';

export const BATCH_TABLES: FeatureTables = {
  entities: [BatchEntity, BatchItemEntity, BatchSampleEntity, BatchScheduleEntity, BatchPassEntity],
  migrations: [
    CreateBatchTables1767100000000,
    RenameReplaceExistingInBatchOptions1767500000001,
    AddBatchItemDeltaOf1768430000000,
    AddBatchTenant1768600000001,
    AddBatchSchedules1768800000000,
  ],
};

/** An admin's CSV of mailbox pairs as a batch, each row started as an ordinary job. */
@Module({
  imports: [JobsModule, AdminModule, ActivityLogModule, NotifyTargetsModule],
  controllers: [BatchController],
  providers: [
    BatchStore,
    BatchCredentials,
    BatchSampler,
    BatchScheduler,
    BatchImportService,
    BatchCommandsService,
    BatchViewReader,
    BatchTenantGuard,
    BatchRequeue,
    BatchCredentialExpiry,
    BatchScheduleStore,
    BatchSchedulePasses,
    BatchScheduleRunner,
    BatchScheduleCommands,
  ],
  exports: [BatchViewReader],
})
export class BatchesModule {}
