import { Module } from '@nestjs/common';
import { FeatureTables } from '../database/feature-tables';
import { JobsModule } from '../jobs/jobs.module';
import { CreateScheduleTables1768500000000 } from './migrations/1768500000000-create-schedule-tables';
import { SchedulePassEntity } from './schedule-pass.entity';
import { ScheduleCommandsService } from './schedule-commands.service';
import { ScheduleCredentials } from './schedule-credentials';
import { SchedulePasses } from './schedule-passes';
import { ScheduleRunner } from './schedule-runner';
import { ScheduleStore } from './schedule-store';
import { ScheduleViewReader } from './schedule-view.reader';
import { ScheduleController } from './schedule.controller';
import { ScheduleEntity } from './schedule.entity';

export const SCHEDULE_TABLES: FeatureTables = {
  entities: [ScheduleEntity, SchedulePassEntity],
  migrations: [CreateScheduleTables1768500000000],
};

/** A job at a given time, then delta passes every N hours until its final pass. */
@Module({
  imports: [JobsModule],
  controllers: [ScheduleController],
  providers: [
    ScheduleStore,
    ScheduleCredentials,
    SchedulePasses,
    ScheduleRunner,
    ScheduleCommandsService,
    ScheduleViewReader,
  ],
})
export class SchedulesModule {}
