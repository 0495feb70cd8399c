import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { JobWork } from '../migration-request';
import { FolderMark, RenamedFrom } from './folder-mark';

/** One unit of copy work: a folder, or a UID range of a large folder. */
export class CopyTask extends JobWork {
  /** Deterministic (`jobId/folderIndex/rangeIndex`), so a re-planned job republishes the same ids. */
  @IsString()
  taskId: string;

  @IsString()
  sourceFolder: string;

  @IsString()
  destinationFolder: string;

  /** First source UID of the range (inclusive). */
  @IsInt()
  @Min(1)
  uidFrom: number;

  /** Last source UID of the range (inclusive); absent means "to the end of the folder". */
  @IsOptional()
  @IsInt()
  @Min(1)
  uidTo?: number;

  /**
   * Source folders whose messages this task leaves out: Gmail's All Mail copies only the
   * messages no label folder holds (those arrive with their labels).
   */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  skipMessagesIn?: string[];

  /**
   * The folder's message count and UIDNEXT when it was planned (LIST-STATUS): a copier reads a
   * folder planned small in one FETCH sent with its EXAMINE.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  listedMessages?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  listedUidNext?: number;

  /**
   * A delta pass: where the previous pass over this folder ended. The task copies the messages
   * from its `uidNext` on (its `uidFrom`) and gives the destination the flags changed below it.
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => FolderMark)
  since?: FolderMark;

  /**
   * A delta pass over a folder renamed since the previous pass: the names that pass copied it
   * under. The copier carries the copy ledger's entries over to the new names first.
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => RenamedFrom)
  renamedFrom?: RenamedFrom;
}
