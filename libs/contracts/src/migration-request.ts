import { Type } from 'class-transformer';
import { IsObject, IsUUID, Matches, ValidateNested } from 'class-validator';
import { CREDENTIAL_TOKEN_PATTERN } from './core/credential-owner';
import { JobOptions } from './job-options';

const NOT_A_TOKEN = {
  message: '$property is not a credential token: authenticate the account again',
};

/** A job's two accounts, as the credential tokens their sign-ins gave this client. */
export class CredentialPair {
  @Matches(CREDENTIAL_TOKEN_PATTERN, NOT_A_TOKEN)
  sourceCredentialId: string;

  @Matches(CREDENTIAL_TOKEN_PATTERN, NOT_A_TOKEN)
  destinationCredentialId: string;
}

/** The two accounts and the user's choices: what a job is. */
export class MigrationRequest extends CredentialPair {
  @IsObject()
  @ValidateNested()
  @Type(() => JobOptions)
  options: JobOptions;
}

/**
 * Work on one job between services: its id and the user's choices. Its logins are never in
 * it: a worker resolves them from auth by the job (see CredentialOwner).
 */
export class JobWork {
  @IsUUID()
  jobId: string;

  @IsObject()
  @ValidateNested()
  @Type(() => JobOptions)
  options: JobOptions;
}
