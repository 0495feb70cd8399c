import { JobAttention, JobFinished, SUBJECTS } from '@btsx/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Notifier } from './notifier';

/** The events notifications are sent for; the bus validated each payload. */
@Controller()
export class NotificationEventsHandler {
  constructor(private readonly notifier: Notifier) {}

  @EventPattern(SUBJECTS.jobFinished)
  finished(@Payload() event: JobFinished): Promise<void> {
    return this.notifier.jobFinished(event);
  }

  @EventPattern(SUBJECTS.jobAttention)
  attention(@Payload() event: JobAttention): Promise<void> {
    return this.notifier.attention(event);
  }
}
