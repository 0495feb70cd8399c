import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { JobWork } from '../migration-request';
import { PassedFolder } from './folder-mark';

/** Folders one delta pass may carry marks for: the most one account may have (MAX_FOLDERS). */
const MAX_PASSED_FOLDERS = 5_000;

/** job.requested: plan this job. */
export class JobRequested extends JobWork {
  /**
   * A delta pass: where the previous pass ended, per folder. A folder unchanged since gets no
   * task; a changed one gets a task that copies only what changed; one without a mark, all.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PASSED_FOLDERS)
  @ValidateNested({ each: true })
  @Type(() => PassedFolder)
  since?: PassedFolder[];
}
