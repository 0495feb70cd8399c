import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  QUOTA_DIRECTIONS,
  QUOTA_PROVIDERS,
  type QuotaDirection,
  type QuotaProvider,
} from '../core/transfer-quotas';

/** Which account's transfer quota a waiting task ran into, and when it goes on. */
export class QuotaWait {
  @IsIn(QUOTA_PROVIDERS)
  provider: QuotaProvider;

  @IsIn(QUOTA_DIRECTIONS)
  direction: QuotaDirection;

  /** When enough of the quota's window has passed for the task to go on (ISO 8601, UTC). */
  @IsISO8601()
  resumesAt: string;
}

/**
 * A task waits before it goes on (the job shows the wait): a server throttled it and it is
 * retried after `waitMs`, or (`quota`) an account reached its transfer quota, and the task
 * resumes by itself at `quota.resumesAt`. A notifier may hook onto the quota kind.
 */
export class TaskThrottled {
  @IsUUID()
  jobId: string;

  @IsString()
  taskId: string;

  @IsInt()
  @Min(0)
  waitMs: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => QuotaWait)
  quota?: QuotaWait;
}
