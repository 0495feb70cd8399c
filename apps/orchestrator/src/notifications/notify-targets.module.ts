import { Module } from '@nestjs/common';
import { NotifyPolicy } from './notify-policy';
import { NotifyTargetsStore } from './notify-targets.store';

/**
 * Where notifications go: checked and stored when a job or batch is created (jobs and
 * batches import this), read when one is sent (NotificationsModule).
 */
@Module({
  providers: [NotifyPolicy, NotifyTargetsStore],
  exports: [NotifyPolicy, NotifyTargetsStore],
})
export class NotifyTargetsModule {}
