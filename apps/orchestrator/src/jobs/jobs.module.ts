import { Module } from '@nestjs/common';
import { AdminModule } from '../admin';
import { FeatureTables } from '../database/feature-tables';
import { NotifyTargetsModule } from '../notifications/notify-targets.module';
import { RetentionModule } from '../retention/retention.module';
import { AccountClaims } from './account-claims';
import { JobAnnouncer } from './job-announcer';
import { JobChanges } from './job-changes';
import { JobAccessGuard } from './job-access.guard';
import { JobCommandsService } from './job-commands.service';
import { JobEventEntity } from './job-event.entity';
import { JobEventsHandler } from './job-events.handler';
import { JobFolderEntity } from './job-folder.entity';
import { JobProgressService } from './job-progress.service';
import { JobRateLimitGuard } from './job-rate-limit.guard';
import { JobRestartService } from './job-restart.service';
import { JobStore } from './job-store';
import { JobTaskEntity } from './job-task.entity';
import { JobUpdater } from './job-updater';
import { TaskProgressStore } from './task-progress.store';
import { JobViewReader } from './job-view.reader';
import { JobController } from './job.controller';
import { PlanController } from './plan.controller';
import { JobEntity } from './job.entity';
import { MessageFailureEntity } from './message-failure.entity';
import { CreateOrchestratorTables1760000000000 } from './migrations/1760000000000-create-orchestrator-tables';
import { AddJobEndpointsAndRestart1760100000000 } from './migrations/1760100000000-add-job-endpoints-and-restart';
import { AddJobFolderError1767200000000 } from './migrations/1767200000000-add-job-folder-error';
import { AddJobFolderSkipMessagesIn1767400000000 } from './migrations/1767400000000-add-job-folder-skip-messages-in';
import { RenameReplaceExistingInJobOptions1767500000000 } from './migrations/1767500000000-rename-replace-existing-in-job-options';
import { DropJobCredentialIds1768000000000 } from './migrations/1768000000000-drop-job-credential-ids';
import { AddJobFolderDestinationIsView1768100000000 } from './migrations/1768100000000-add-job-folder-destination-is-view';
import { AddJobFolderRule1768200000000 } from './migrations/1768200000000-add-job-folder-rule';
import { AddJobProviders1768300000000 } from './migrations/1768300000000-add-job-providers';
import { AddJobTaskFiltered1768310000000 } from './migrations/1768310000000-add-job-task-filtered';
import { AddJobWaitingUntil1768400000000 } from './migrations/1768400000000-add-job-waiting-until';
import { AddDeltaPassMarks1768410000000 } from './migrations/1768410000000-add-delta-pass-marks';
import { AddJobTenant1768600000002 } from './migrations/1768600000002-add-job-tenant';

export const JOB_TABLES: FeatureTables = {
  entities: [JobEntity, JobFolderEntity, JobTaskEntity, JobEventEntity, MessageFailureEntity],
  migrations: [
    CreateOrchestratorTables1760000000000,
    AddJobEndpointsAndRestart1760100000000,
    AddJobFolderError1767200000000,
    AddJobFolderSkipMessagesIn1767400000000,
    RenameReplaceExistingInJobOptions1767500000000,
    DropJobCredentialIds1768000000000,
    AddJobFolderDestinationIsView1768100000000,
    AddJobFolderRule1768200000000,
    AddJobProviders1768300000000,
    AddJobTaskFiltered1768310000000,
    AddJobWaitingUntil1768400000000,
    AddDeltaPassMarks1768410000000,
    AddJobTenant1768600000002,
  ],
};

/**
 * A job's life: created, planned, folded from task events, cancelled, restarted, deleted,
 * and the view of it; who may reach a job, JobAccessGuard decides. How a copied job ends is the OutcomeGate's to say, and the audit
 * on its view the LatestAudit's: jobs owns both questions, the audit module answers them.
 */
@Module({
  imports: [RetentionModule, NotifyTargetsModule, AdminModule],
  controllers: [JobController, PlanController, JobEventsHandler],
  providers: [
    JobStore,
    TaskProgressStore,
    JobChanges,
    JobAnnouncer,
    JobUpdater,
    JobProgressService,
    AccountClaims,
    JobCommandsService,
    JobRestartService,
    JobViewReader,
    JobRateLimitGuard,
    JobAccessGuard,
  ],
  exports: [
    // JobAccessGuard guards job routes of other modules too, and finds admins through it.
    AdminModule,
    JobAccessGuard,
    JobStore,
    JobChanges,
    JobAnnouncer,
    JobUpdater,
    JobProgressService,
    AccountClaims,
    JobCommandsService,
    JobRestartService,
    JobViewReader,
    JobRateLimitGuard,
  ],
})
export class JobsModule {}
