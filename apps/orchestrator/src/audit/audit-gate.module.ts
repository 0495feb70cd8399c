import { Global, Module } from '@nestjs/common';
import { LatestAudit } from '../jobs/latest-audit';
import { OutcomeGate } from '../jobs/outcome-gate';
import { AuditGate } from './audit-gate';
import { AuditPublisher } from './audit-publisher';
import { AuditStore } from './audit-store';
import { LatestAuditReader } from './latest-audit.reader';

/**
 * The audit's answers to the two questions jobs owns: the OutcomeGate (a job ends only
 * once its audit is in) and the LatestAudit of a job's view. Global, because jobs may not
 * import the audit, which imports jobs; nothing here needs a provider of jobs.
 */
@Global()
@Module({
  providers: [
    AuditStore,
    AuditPublisher,
    { provide: OutcomeGate, useClass: AuditGate },
    { provide: LatestAudit, useClass: LatestAuditReader },
  ],
  exports: [AuditStore, AuditPublisher, OutcomeGate, LatestAudit],
})
export class AuditGateModule {}
