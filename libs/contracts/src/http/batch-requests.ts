import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
} from 'class-validator';
import { IsNotifyEmail, IsWebhookUrl, NotifyRequest } from './notify-request';
import { TimeZoneName, ZonedDateTime } from './schedule-requests';
import { BATCH_ITEM_STATES, BatchItemState, MAX_BATCH_CONCURRENCY } from '../core/http/batches';
import { MAX_EVERY_HOURS } from '../core/schedule/pass-times';

/** `true`/`false` as a query string writes them; JSON booleans pass as they are. */
const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );

/**
 * A batch's schedule (as a single job's, POST /api/schedules): its first pass at `startAt`,
 * then a delta pass of every line every `everyHours`, until the final pass or `endsAt`. The
 * same fields in the import's query string and in PUT /api/admin/batches/:id/schedule.
 */
export class BatchScheduleFields {
  /** Hours from one pass's start to the next's; no schedule without it. */
  // Needed in a schedule of its own; optional in the import's query (no schedule then).
  @ValidateIf((fields, value) => value !== undefined || !(fields instanceof ImportBatchQuery))
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_EVERY_HOURS)
  everyHours?: number;

  /** The IANA zone startAt and endsAt are read in; needed with everyHours. */
  @ValidateIf((fields: BatchScheduleFields) => fields.everyHours !== undefined)
  @Validate(TimeZoneName)
  timeZone?: string;

  /** The first pass; absent: now. Without Z or an offset, a wall-clock time in `timeZone`. */
  @IsOptional()
  @Validate(ZonedDateTime)
  startAt?: string;

  /** No pass starts after it; at most MAX_SCHEDULE_DAYS after the schedule was made. */
  @IsOptional()
  @Validate(ZonedDateTime)
  endsAt?: string;

  /** Delta passes delete at the destination the copies of messages gone from the source. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  mirrorDeletions?: boolean;
}

/** PUT /api/admin/batches/:id/schedule: a schedule for a batch that has none. */
export class BatchScheduleRequest extends BatchScheduleFields {}

/**
 * POST /api/admin/batches?name=…&concurrency=…&perHostLimit=…&notifyEmail=…&notifyWebhook=…
 * (and the schedule's fields) with the CSV as text/csv.
 */
export class ImportBatchQuery extends BatchScheduleFields {
  /**
   * The tenant the batch belongs to. A tenant's admin may only name its own (or none); an
   * MSP admin who names none imports into the default tenant.
   */
  @IsOptional()
  @IsUUID()
  tenant?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_BATCH_CONCURRENCY)
  concurrency?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_BATCH_CONCURRENCY)
  perHostLimit?: number;

  /** Told when the batch ends and when one of its jobs needs attention (once per reason). */
  @IsOptional()
  @IsNotifyEmail()
  notifyEmail?: string;

  @IsOptional()
  @IsWebhookUrl()
  notifyWebhook?: string;
}

/** A batch's notification targets as a NotifyRequest, to validate like a job's. */
export function batchNotifyRequest(query: ImportBatchQuery): NotifyRequest | undefined {
  if (!query.notifyEmail && !query.notifyWebhook) return undefined;
  const request = new NotifyRequest();
  if (query.notifyEmail) request.email = query.notifyEmail;
  if (query.notifyWebhook) request.webhook = { url: query.notifyWebhook };
  return request;
}

/** PUT /api/admin/batches/:id/limits */
export class BatchLimitsRequest {
  @IsInt()
  @Min(1)
  @Max(MAX_BATCH_CONCURRENCY)
  concurrency: number;

  @IsInt()
  @Min(1)
  @Max(MAX_BATCH_CONCURRENCY)
  perHostLimit: number;
}

/** GET /api/admin/batches/:id/items?state=…&host=…&q=… */
export class BatchItemsQuery {
  @IsOptional()
  @IsIn(BATCH_ITEM_STATES)
  state?: BatchItemState;

  @IsOptional()
  @IsString()
  @MaxLength(253)
  host?: string;

  @IsOptional()
  @IsString()
  @MaxLength(320)
  q?: string;
}
