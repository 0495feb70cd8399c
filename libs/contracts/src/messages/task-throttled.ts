import { IsInt, IsString, IsUUID, Min } from 'class-validator';

/** A server asked a task to slow down: it is retried after `waitMs` (the job shows the wait). */
export class TaskThrottled {
  @IsUUID()
  jobId: string;

  @IsString()
  taskId: string;

  @IsInt()
  @Min(0)
  waitMs: number;
}
