import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { JobStreamController } from './job-stream.controller';
import { JobStreamService } from './job-stream.service';
import { JobUpdatedHandler } from './job-updated.handler';
import { JobWatchers } from './job-watchers';

/** A job's status page, live: Server-Sent Events woken by job.updated on every replica. */
@Module({
  imports: [JobsModule],
  controllers: [JobStreamController, JobUpdatedHandler],
  providers: [JobWatchers, JobStreamService],
})
export class LiveUpdatesModule {}
