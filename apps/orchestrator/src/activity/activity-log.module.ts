import { Module } from '@nestjs/common';
import { ActivityLog } from './activity-log.service';

/** The writing side of the activity log, for every module whose handlers record actions. */
@Module({ providers: [ActivityLog], exports: [ActivityLog] })
export class ActivityLogModule {}
