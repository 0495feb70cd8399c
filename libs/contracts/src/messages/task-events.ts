import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';
import { FolderMark, SinceLastPass } from './folder-mark';

/** Cumulative counts for one task: a later report replaces an earlier one, so loss is harmless. */
export class TaskCounts {
  @IsInt()
  @Min(0)
  copied: number;

  @IsInt()
  @Min(0)
  skipped: number;

  @IsInt()
  @Min(0)
  failed: number;

  /** Left out by the job's message filter; absent from a copier older than the filters. */
  @IsOptional()
  @IsInt()
  @Min(0)
  filtered?: number;

  @IsInt()
  @Min(0)
  bytes: number;
}

export class MessageFailure {
  @IsString()
  folder: string;

  @IsInt()
  uid: number;

  @IsInt()
  size: number;

  @IsString()
  reason: string;
}

/** The task a report is about. */
export class TaskReport {
  @IsUUID()
  jobId: string;

  @IsString()
  taskId: string;
}

export class TaskProgress extends TaskReport {
  @ValidateNested()
  @Type(() => TaskCounts)
  counts: TaskCounts;
}

export class TaskFinished extends TaskProgress {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MessageFailure)
  failures: MessageFailure[];

  /**
   * Delete Source only: messages copied but left in the source, because the destination
   * did not prove that it holds them; `reason` says why.
   */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MessageFailure)
  kept?: MessageFailure[];

  /** Where this pass over the folder ended: the next delta pass starts there. */
  @IsOptional()
  @ValidateNested()
  @Type(() => FolderMark)
  mark?: FolderMark;

  /** A delta pass: what changed at the source below the previous pass's mark. */
  @IsOptional()
  @ValidateNested()
  @Type(() => SinceLastPass)
  sinceLastPass?: SinceLastPass;
}

export class TaskFailed extends TaskReport {
  @IsString()
  reason: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => TaskCounts)
  counts?: TaskCounts;

  @IsBoolean()
  permanent: boolean;
}
