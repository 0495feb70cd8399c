import {
  JobPlanned,
  JobPlanningFailed,
  SUBJECTS,
  TaskFailed,
  TaskFinished,
  TaskProgress,
  TaskThrottled,
} from '@btsx/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { JobProgressService } from './job-progress.service';

/** Discovery's plan and the copiers' task events; the bus validated each payload. */
@Controller()
export class JobEventsHandler {
  constructor(private readonly progress: JobProgressService) {}

  @EventPattern(SUBJECTS.jobPlanned)
  planned(@Payload() event: JobPlanned): Promise<void> {
    return this.progress.planned(event);
  }

  @EventPattern(SUBJECTS.jobPlanningFailed)
  planningFailed(@Payload() event: JobPlanningFailed): Promise<void> {
    return this.progress.planningFailed(event);
  }

  @EventPattern(SUBJECTS.taskProgress)
  taskProgress(@Payload() event: TaskProgress): Promise<void> {
    return this.progress.taskProgress(event);
  }

  @EventPattern(SUBJECTS.taskThrottled)
  taskThrottled(@Payload() event: TaskThrottled): Promise<void> {
    return this.progress.taskThrottled(event);
  }

  /** A cancelled task's last counts: the same as progress, but durable. */
  @EventPattern(SUBJECTS.taskStopped)
  taskStopped(@Payload() event: TaskProgress): Promise<void> {
    return this.progress.taskStopped(event);
  }

  @EventPattern(SUBJECTS.taskFinished)
  taskFinished(@Payload() event: TaskFinished): Promise<void> {
    return this.progress.taskFinished(event);
  }

  @EventPattern(SUBJECTS.taskFailed)
  taskFailed(@Payload() event: TaskFailed): Promise<void> {
    return this.progress.taskFailed(event);
  }
}
