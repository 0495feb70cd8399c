import { Type } from 'class-transformer';
import { IsObject, IsUUID, ValidateNested } from 'class-validator';
import { JobOptions } from './job-options';

/** A job's two accounts, as credential ids from auth. */
export class CredentialPair {
  @IsUUID()
  sourceCredentialId: string;

  @IsUUID()
  destinationCredentialId: string;
}

/** The two accounts and the user's choices: what a job is. */
export class MigrationRequest extends CredentialPair {
  @IsObject()
  @ValidateNested()
  @Type(() => JobOptions)
  options: JobOptions;
}
