import { BusModule, DatabaseModule } from '@btsx/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CheckpointEntity } from './checkpoint.entity';
import { PostgresCheckpointStore } from './checkpoint-store';
import { CopierConfig } from './copier-config';
import { ConnectionPool } from './connection-pool';
import { CopierMetrics } from './copier-metrics';
import { CopyLedgerEntity } from './copy-ledger.entity';
import { PostgresLedger } from './copy-ledger.store';
import { CopyTaskHandlers } from './copy-task.handlers';
import { COPIER_MIGRATIONS } from './migrations';
import { JobRates } from './pacing/job-rates';
import { TaskPacers } from './pacing/task-pacers';
import { TransferQuotas } from './pacing/transfer-quotas.store';

@Module({})
export class CopierModule {
  static forRoot(config: CopierConfig): DynamicModule {
    return {
      module: CopierModule,
      imports: [
        BusModule.forRoot({ service: 'copier', settings: config }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          schema: 'copier',
          entities: [CheckpointEntity, CopyLedgerEntity],
          migrations: COPIER_MIGRATIONS,
        }),
        TypeOrmModule.forFeature([CheckpointEntity]),
      ],
      controllers: [CopyTaskHandlers],
      providers: [
        { provide: CopierConfig, useValue: config },
        PostgresCheckpointStore,
        PostgresLedger,
        CopierMetrics,
        ConnectionPool,
        TransferQuotas,
        JobRates,
        TaskPacers,
      ],
    };
  }
}
