import { Module } from '@nestjs/common';
import { OrchestratorConfig } from '../orchestrator.config';
import { ExpiredJobsStore } from './expired-jobs.store';
import { JobRetentionSweeper } from './job-retention.sweeper';
import { RetentionPeriod } from './retention-period';

/**
 * How long a finished job is kept, and the hourly sweep that keeps that promise. Exports
 * the period: a job's view tells when the job will be deleted.
 */
@Module({
  providers: [
    {
      provide: RetentionPeriod,
      inject: [OrchestratorConfig],
      useFactory: (config: OrchestratorConfig) => new RetentionPeriod(config.JOB_RETENTION_DAYS),
    },
    ExpiredJobsStore,
    JobRetentionSweeper,
  ],
  exports: [RetentionPeriod],
})
export class RetentionModule {}
