import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { JobsModule } from '../jobs/jobs.module';
import { AbandonedWork } from './abandoned-work';

/** Fails the copy tasks, plans and audits whose worker died with them every time. */
@Module({
  imports: [JobsModule, AuditModule],
  providers: [AbandonedWork],
})
export class AbandonedWorkModule {}
