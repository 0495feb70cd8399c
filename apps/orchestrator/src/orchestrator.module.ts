import { BusModule, DatabaseModule } from '@btsx/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { AbandonedWork } from './abandoned/abandoned-work';
import { ADMIN_CONTROLLERS, ADMIN_PROVIDERS } from './admin';
import { AuditFindingsHandler } from './audit/audit-findings.handler';
import { AuditFindingsStore } from './audit/audit-findings.store';
import { AuditGate } from './audit/audit-gate';
import { AuditPublisher } from './audit/audit-publisher';
import { AuditReportController } from './audit/audit-report.controller';
import { AuditReportService } from './audit/audit-report.service';
import { AuditResultsService } from './audit/audit-results.service';
import { AuditStore } from './audit/audit-store';
import { LatestAuditReader } from './audit/latest-audit.reader';
import { JobAuditedHandler } from './audit/job-audited.handler';
import { JobVerifyController } from './audit/job-verify.controller';
import { JobVerifyService } from './audit/job-verify.service';
import { BATCH_CONTROLLERS, BATCH_PROVIDERS } from './batches';
import { ORCHESTRATOR_ENTITIES, ORCHESTRATOR_MIGRATIONS } from './database/orchestrator-entities';
import { ORCHESTRATOR_SCHEMA } from './database/orchestrator-schema';
import { AccountDescriber } from './jobs/account-describer';
import { JobAnnouncer } from './jobs/job-announcer';
import { JobCommandsService } from './jobs/job-commands.service';
import { JobController } from './jobs/job.controller';
import { JobEventsHandler } from './jobs/job-events.handler';
import { JobProgressService } from './jobs/job-progress.service';
import { JobRestartService } from './jobs/job-restart.service';
import { JobStore } from './jobs/job-store';
import { JobUpdater } from './jobs/job-updater';
import { JobViewReader } from './jobs/job-view.reader';
import { LatestAudit } from './jobs/latest-audit';
import { OutcomeGate } from './jobs/outcome-gate';
import { JobStreamController } from './live/job-stream.controller';
import { JobStreamService } from './live/job-stream.service';
import { JobUpdatedHandler } from './live/job-updated.handler';
import { JobWatchers } from './live/job-watchers';
import { OrchestratorConfig } from './orchestrator.config';
import { JobRetentionSweeper } from './retention/job-retention.sweeper';
import { RetentionPeriod } from './retention/retention-period';

@Module({})
export class OrchestratorModule {
  static forRoot(config: OrchestratorConfig): DynamicModule {
    return {
      module: OrchestratorModule,
      imports: [
        BusModule.forRoot({ url: config.NATS_URL, service: 'orchestrator' }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          schema: ORCHESTRATOR_SCHEMA,
          entities: ORCHESTRATOR_ENTITIES,
          migrations: ORCHESTRATOR_MIGRATIONS,
        }),
      ],
      controllers: [
        JobController,
        JobVerifyController,
        JobStreamController,
        JobEventsHandler,
        JobAuditedHandler,
        AuditFindingsHandler,
        AuditReportController,
        JobUpdatedHandler,
        ...ADMIN_CONTROLLERS,
        ...BATCH_CONTROLLERS,
      ],
      providers: [
        { provide: OrchestratorConfig, useValue: config },
        { provide: RetentionPeriod, useValue: new RetentionPeriod(config.JOB_RETENTION_DAYS) },
        JobStore,
        JobAnnouncer,
        JobUpdater,
        JobProgressService,
        AbandonedWork,
        AccountDescriber,
        JobCommandsService,
        JobRestartService,
        JobRetentionSweeper,
        JobViewReader,
        AuditStore,
        AuditFindingsStore,
        AuditReportService,
        AuditPublisher,
        { provide: OutcomeGate, useClass: AuditGate },
        { provide: LatestAudit, useClass: LatestAuditReader },
        AuditResultsService,
        JobVerifyService,
        JobWatchers,
        JobStreamService,
        ...ADMIN_PROVIDERS,
        ...BATCH_PROVIDERS,
      ],
    };
  }
}
