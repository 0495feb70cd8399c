import { BusModule, DatabaseModule } from '@btsx/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CheckpointEntity } from './checkpoint.entity';
import { PostgresCheckpointStore } from './checkpoint-store';
import { CopierConfig } from './copier-config';
import { ConnectionPool } from './connection-pool';
import { CopierMetrics } from './copier-metrics';
import { CopyTaskHandlers } from './copy-task.handlers';
import { CreateCheckpoints1732460000000 } from './migrations/1732460000000-create-checkpoints';

@Module({})
export class CopierModule {
  static forRoot(config: CopierConfig): DynamicModule {
    return {
      module: CopierModule,
      imports: [
        BusModule.forRoot({ url: config.NATS_URL, service: 'copier' }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          schema: 'copier',
          entities: [CheckpointEntity],
          migrations: [CreateCheckpoints1732460000000],
        }),
        TypeOrmModule.forFeature([CheckpointEntity]),
      ],
      controllers: [CopyTaskHandlers],
      providers: [
        { provide: CopierConfig, useValue: config },
        PostgresCheckpointStore,
        CopierMetrics,
        ConnectionPool,
      ],
    };
  }
}
