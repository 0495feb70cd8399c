import { JobUpdated, SUBJECTS } from '@btsx/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { JobWatchers } from './job-watchers';

/** Every replica hears every job.updated (core NATS, no queue group) and wakes its streams. */
@Controller()
export class JobUpdatedHandler {
  constructor(private readonly watchers: JobWatchers) {}

  @EventPattern(SUBJECTS.jobUpdated)
  updated(@Payload() event: JobUpdated): void {
    this.watchers.wake(event.jobId);
  }
}
