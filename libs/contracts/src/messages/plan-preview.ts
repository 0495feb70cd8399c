import { Type } from 'class-transformer';
import { Matches, ValidateNested } from 'class-validator';
import { CREDENTIAL_TOKEN_PATTERN } from '../core/credential-owner';
import { JobOptions } from '../job-options';
import { SESSION_DIGEST_PATTERN } from './credential-resolve';

/**
 * discovery.plan.preview: plan a job of these two credential tokens (borrowed from the client
 * session they were given to, not claimed) and options, writing nothing: the PlanView.
 */
export class PlanPreviewRequest {
  @Matches(SESSION_DIGEST_PATTERN)
  session: string;

  @Matches(CREDENTIAL_TOKEN_PATTERN)
  source: string;

  @Matches(CREDENTIAL_TOKEN_PATTERN)
  destination: string;

  @ValidateNested()
  @Type(() => JobOptions)
  options: JobOptions;
}
