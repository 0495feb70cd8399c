import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { BATCH_ITEM_STATES, BatchItemState, MAX_BATCH_CONCURRENCY } from '../core/http/batches';

/** POST /api/admin/batches?name=…&concurrency=…&perHostLimit=… with the CSV as text/csv. */
export class ImportBatchQuery {
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
