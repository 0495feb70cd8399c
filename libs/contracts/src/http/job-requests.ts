import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, ValidateNested } from 'class-validator';
import { CredentialPair, MigrationRequest } from '../migration-request';
import { NotifyRequest } from './notify-request';

/**
 * POST /api/jobs. `notify` stays beside the options, not among them: the workers that
 * receive a job's options have no use for its owner's address.
 */
export class CreateJobRequest extends MigrationRequest {
  @IsOptional()
  @ValidateNested()
  @Type(() => NotifyRequest)
  notify?: NotifyRequest;
}

/**
 * POST /api/jobs/:id/restart. The original job's credentials were purged when it ended, so
 * both accounts authenticate again; they must be the original job's accounts.
 */
export class RestartJobRequest extends CredentialPair {
  /**
   * A delta pass: copy only what changed at the source since this job (new messages, changed
   * flags), Replace Existing off. Default off: a full pass with Replace Existing on.
   */
  @IsOptional()
  @IsBoolean()
  delta?: boolean;
}

/**
 * POST /api/jobs/:id/verify: runs the completeness audit again. A finished job's credentials
 * were purged, so both accounts authenticate again, as for a restart.
 */
export class VerifyJobRequest extends CredentialPair {
  /** Compare a SHA-256 of every message on both sides (Verify (deep)); default off. */
  @IsOptional()
  @IsBoolean()
  deep?: boolean;
}
