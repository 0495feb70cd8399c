import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ACTIVITY_ACTIONS, ActivityAction, MAX_ACTIVITY_PAGE } from '../core/http/activity';

/** GET /api/admin/activity.csv?actor=…&action=…&target=…&tenant=…&from=…&to=… */
export class ActivityFilter {
  /** An admin's or API token's id, or an admin's email address. */
  @IsOptional()
  @IsString()
  @MaxLength(320)
  actor?: string;

  @IsOptional()
  @IsIn(ACTIVITY_ACTIONS)
  action?: ActivityAction;

  /** The id of the batch, admin or token acted on. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  target?: string;

  @IsOptional()
  @IsUUID()
  tenant?: string;

  /** From this time on (ISO 8601), inclusive. */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Before this time (ISO 8601), exclusive. */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** GET /api/admin/activity: the filter, a page of `limit` rows older than the cursor `before`. */
export class ActivityQuery extends ActivityFilter {
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'before must be a nextCursor of an earlier page' })
  before?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ACTIVITY_PAGE)
  limit?: number;
}
