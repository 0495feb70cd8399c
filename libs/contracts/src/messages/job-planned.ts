import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';

export class PlannedFolder {
  @IsString()
  source: string;

  @IsString()
  destination: string;

  /** Message count from STATUS; absent when the user did not ask for progress. */
  @IsOptional()
  @IsInt()
  @Min(0)
  messages?: number;

  /** The copy.task ids that cover this folder (none for an empty folder or Folders Only). */
  @IsArray()
  @IsString({ each: true })
  taskIds: string[];

  /** Why the destination refused to create the folder: it has no task and is not copied. */
  @IsOptional()
  @IsString()
  error?: string;

  /** The name the destination refused; `destination` is the legal substitute used instead. */
  @IsOptional()
  @IsString()
  refusedName?: string;

  /** The destination's reason for refusing `refusedName`. */
  @IsOptional()
  @IsString()
  refusedBecause?: string;

  /**
   * Source folders whose messages this folder's copy leaves out, as its tasks do: Gmail's All
   * Mail copies only the messages no label folder holds. The audit leaves them out too.
   */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  skipMessagesIn?: string[];
}

export class JobPlanned {
  @IsUUID()
  jobId: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PlannedFolder)
  folders: PlannedFolder[];

  /** Folders the account sees but does not own (other users', shared): never copied. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  notOwned?: string[];
}

/** Discovery could not plan the job (login failed, server gone): the job fails. */
export class JobPlanningFailed {
  @IsUUID()
  jobId: string;

  @IsString()
  reason: string;
}
