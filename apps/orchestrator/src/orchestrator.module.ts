import { BusModule, DatabaseModule } from '@btsx/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { AbandonedWorkModule } from './abandoned/abandoned-work.module';
import { ACTIVITY_TABLES, ActivityModule } from './activity/activity.module';
import { ADMIN_TABLES, AdminModule } from './admin/admin.module';
import { AUDIT_TABLES, AuditModule } from './audit/audit.module';
import { AuditGateModule } from './audit/audit-gate.module';
import { BATCH_TABLES, BatchesModule } from './batches/batches.module';
import { ORCHESTRATOR_SCHEMA } from './database/orchestrator-schema';
import { JOB_TABLES, JobsModule } from './jobs/jobs.module';
import { LiveUpdatesModule } from './live/live-updates.module';
import { NOTIFY_TABLES, NotificationsModule } from './notifications/notifications.module';
import { OrchestratorConfig } from './orchestrator.config';
import { OrchestratorConfigModule } from './orchestrator-config.module';
import { RetentionModule } from './retention/retention.module';
import { SCHEDULE_TABLES, SchedulesModule } from './schedules/schedules.module';

/**
 * One DataSource and one schema for every feature's tables. TypeORM runs the migrations
 * not yet applied in the order of their timestamps, whatever their order here.
 */
const FEATURE_TABLES = [
  JOB_TABLES,
  AUDIT_TABLES,
  ADMIN_TABLES,
  ACTIVITY_TABLES,
  BATCH_TABLES,
  NOTIFY_TABLES,
  SCHEDULE_TABLES,
];

/** The orchestrator: config, bus and database, and the feature modules over them. */
@Module({})
export class OrchestratorModule {
  static forRoot(config: OrchestratorConfig): DynamicModule {
    return {
      module: OrchestratorModule,
      imports: [
        OrchestratorConfigModule.forRoot(config),
        BusModule.forRoot({ service: 'orchestrator', settings: config }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          schema: ORCHESTRATOR_SCHEMA,
          entities: FEATURE_TABLES.flatMap((tables) => tables.entities),
          migrations: FEATURE_TABLES.flatMap((tables) => tables.migrations),
        }),
        // Global: the audit's answers to the questions jobs owns (OutcomeGate, LatestAudit).
        AuditGateModule,
        JobsModule,
        AuditModule,
        LiveUpdatesModule,
        RetentionModule,
        AdminModule,
        ActivityModule,
        BatchesModule,
        AbandonedWorkModule,
        NotificationsModule,
        SchedulesModule,
      ],
    };
  }
}
