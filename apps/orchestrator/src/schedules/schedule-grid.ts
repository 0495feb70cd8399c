import { PassGrid } from '@btsx/contracts';
import { ScheduleEntity } from './schedule.entity';

export function passGridOf(schedule: ScheduleEntity): PassGrid {
  return { start: schedule.startAt, everyMs: schedule.everyMs, timeZone: schedule.timeZone };
}
