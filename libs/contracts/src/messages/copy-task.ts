import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  IsObject,
  ValidateNested,
} from 'class-validator';
import { JobOptions } from '../job-options';

/** One unit of copy work: a folder, or a UID range of a large folder. */
export class CopyTask {
  /** Deterministic (`jobId/folderIndex/rangeIndex`), so a re-planned job republishes the same ids. */
  @IsString()
  taskId: string;

  @IsUUID()
  jobId: string;

  @IsUUID()
  sourceCredentialId: string;

  @IsUUID()
  destinationCredentialId: string;

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

  @IsObject()
  @ValidateNested()
  @Type(() => JobOptions)
  options: JobOptions;
}
