import { Module } from '@nestjs/common';
import { FeatureTables } from '../database/feature-tables';
import { JobsModule } from '../jobs/jobs.module';
import { AuditFindingEntity } from './audit-finding.entity';
import { AuditFindingsHandler } from './audit-findings.handler';
import { AuditFindingsStore } from './audit-findings.store';
import { AuditGateModule } from './audit-gate.module';
import { AuditReportController } from './audit-report.controller';
import { AuditReportService } from './audit-report.service';
import { AuditResultsService } from './audit-results.service';
import { JobAuditEntity } from './job-audit.entity';
import { JobAuditedHandler } from './job-audited.handler';
import { JobVerifyController } from './job-verify.controller';
import { JobVerifyService } from './job-verify.service';
import { AddJobAudits1760200000000 } from './migrations/1760200000000-add-job-audits';
import { AddAuditFindings1767300000000 } from './migrations/1767300000000-add-audit-findings';
import { DropAuditCredentialIds1768000000001 } from './migrations/1768000000001-drop-audit-credential-ids';

export const AUDIT_TABLES: FeatureTables = {
  entities: [JobAuditEntity, AuditFindingEntity],
  migrations: [
    AddJobAudits1760200000000,
    AddAuditFindings1767300000000,
    DropAuditCredentialIds1768000000001,
  ],
};

/**
 * The completeness audit of a job: asked for when the copy ends or by `btsx verify`,
 * answered by the auditor with its report in parts, served as CSV or JSON.
 */
@Module({
  imports: [AuditGateModule, JobsModule],
  controllers: [
    JobVerifyController,
    AuditReportController,
    JobAuditedHandler,
    AuditFindingsHandler,
  ],
  providers: [AuditFindingsStore, AuditReportService, AuditResultsService, JobVerifyService],
  exports: [AuditResultsService],
})
export class AuditModule {}
