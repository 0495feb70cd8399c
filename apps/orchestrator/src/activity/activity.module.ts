import { Module } from '@nestjs/common';
import { AdminModule } from '../admin';
import { FeatureTables } from '../database/feature-tables';
import { ActivityController } from './activity.controller';
import { ActivityReader } from './activity.reader';
import { AddTenantAndScheduleActions1768700000001 } from './migrations/1768700000001-add-tenant-and-schedule-actions';
import { CreateAdminActivity1768700000000 } from './migrations/1768700000000-create-admin-activity';

export const ACTIVITY_TABLES: FeatureTables = {
  entities: [],
  migrations: [CreateAdminActivity1768700000000, AddTenantAndScheduleActions1768700000001],
};

/** Reading the activity log (ActivityLogModule writes it). */
@Module({
  imports: [AdminModule],
  controllers: [ActivityController],
  providers: [ActivityReader],
})
export class ActivityModule {}
