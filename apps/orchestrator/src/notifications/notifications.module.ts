import { Module } from '@nestjs/common';
import { BatchesModule } from '../batches/batches.module';
import { FeatureTables } from '../database/feature-tables';
import { JobsModule } from '../jobs/jobs.module';
import { CreateNotificationTables1768420000000 } from './migrations/1768420000000-create-notification-tables';
import { NotificationEntity } from './notification.entity';
import { NotificationEventsHandler } from './notification-events.handler';
import { NotificationOutbox } from './notification-outbox';
import { NotificationSweeper } from './notification-sweeper';
import { Notifier } from './notifier';
import { NotifyTargetEntity } from './notify-target.entity';
import { NotifyTargetsModule } from './notify-targets.module';

export const NOTIFY_TABLES: FeatureTables = {
  entities: [NotifyTargetEntity, NotificationEntity],
  migrations: [CreateNotificationTables1768420000000],
};

/**
 * E-mails and webhooks when a job or batch ends or needs attention: stored once per event
 * (the outbox), sent and retried by the sweeper on every replica.
 */
@Module({
  imports: [JobsModule, BatchesModule, NotifyTargetsModule],
  controllers: [NotificationEventsHandler],
  providers: [NotificationOutbox, NotificationSweeper, Notifier],
})
export class NotificationsModule {}
