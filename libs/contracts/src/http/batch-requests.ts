import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsNotifyEmail, IsWebhookUrl, NotifyRequest } from './notify-request';
import { BATCH_ITEM_STATES, BatchItemState, MAX_BATCH_CONCURRENCY } from '../core/http/batches';

/**
 * POST /api/admin/batches?name=…&concurrency=…&perHostLimit=…&notifyEmail=…&notifyWebhook=…
 * &tenant=… with the CSV as text/csv.
 */
export class ImportBatchQuery {
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
