import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';
import { FolderMark, RenamedFolder } from './folder-mark';

/** The left-out folders a plan names; the rest are counted (the plan is one bus message). */
export const LEFT_OUT_NAMED = 20;

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

  /**
   * The destination folder already existed and shows every message (Gmail's All Mail,
   * \All): the audit expects extras there. Absent only in plans made before it was recorded.
   */
  @IsOptional()
  @IsBoolean()
  destinationIsView?: boolean;

  /** The user's folder rule that sent it (or its parent) here, in words: "Old => Archive". */
  @IsOptional()
  @IsString()
  rule?: string;

  /**
   * Where a folder without a task stands, for the next delta pass: an empty folder as listed,
   * or the previous pass's mark of a folder a delta pass found unchanged.
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => FolderMark)
  mark?: FolderMark;
}

/** A source folder the job's folder selection leaves out, and why. */
export class LeftOutFolder {
  @IsString()
  path: string;

  /** In words, naming the pattern: "excluded by Trash". */
  @IsString()
  reason: string;
}

export class FoldersLeftOut {
  @IsInt()
  @Min(1)
  count: number;

  /** The first LEFT_OUT_NAMED of them. */
  @IsArray()
  @ArrayMaxSize(LEFT_OUT_NAMED)
  @ValidateNested({ each: true })
  @Type(() => LeftOutFolder)
  named: LeftOutFolder[];
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

  /** Folders the job's folder selection (JobOptions.folders) leaves out: never copied. */
  @IsOptional()
  @ValidateNested()
  @Type(() => FoldersLeftOut)
  leftOut?: FoldersLeftOut;

  /**
   * A delta pass: folders the previous pass copied that the source no longer has (removed or
   * renamed there); their copies at the destination are left as they are.
   */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  goneSinceLastPass?: string[];

  /** A delta pass: folders the source renamed since the previous pass, known by MAILBOXID. */
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => RenamedFolder)
  renamedSinceLastPass?: RenamedFolder[];
}

/** Discovery could not plan the job (login failed, server gone): the job fails. */
export class JobPlanningFailed {
  @IsUUID()
  jobId: string;

  @IsString()
  reason: string;
}
