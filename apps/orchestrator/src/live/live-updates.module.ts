import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { JobStreamController } from './job-stream.controller';
import { JobStreamService } from './job-stream.service';
import { JobUpdatedHandler } from './job-updated.handler';
import { JobWatchers } from './job-watchers';
import { WakeOnReconnect } from './wake-on-reconnect';

/**
 * A job's status page, live: Server-Sent Events woken by job.updated on every replica and by
 * the task progress this replica recorded; nothing reads on a timer.
 */
@Module({
  imports: [JobsModule],
  controllers: [JobStreamController, JobUpdatedHandler],
  providers: [JobWatchers, JobStreamService, WakeOnReconnect],
})
export class LiveUpdatesModule {}
