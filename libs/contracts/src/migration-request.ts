import { Type } from 'class-transformer';
import { IsObject, IsUUID, ValidateNested } from 'class-validator';
import { JobOptions } from './job-options';

/** The two accounts (as credential ids from auth) and the user's choices: what a job is. */
export class MigrationRequest {
  @IsUUID()
  sourceCredentialId: string;

  @IsUUID()
  destinationCredentialId: string;

  @IsObject()
  @ValidateNested()
  @Type(() => JobOptions)
  options: JobOptions;
}
