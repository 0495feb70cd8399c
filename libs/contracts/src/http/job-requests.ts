import { IsBoolean, IsOptional } from 'class-validator';
import { CredentialPair, MigrationRequest } from '../migration-request';

/** POST /api/jobs */
export class CreateJobRequest extends MigrationRequest {}

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
