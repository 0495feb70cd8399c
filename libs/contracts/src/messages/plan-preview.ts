import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { JobOptions } from '../job-options';
import { SessionTokens } from './credential-resolve';

/**
 * discovery.plan.preview: plan a job of these two credential tokens (borrowed from the client
 * session they were given to, not claimed) and options, writing nothing: the PlanView.
 */
export class PlanPreviewRequest extends SessionTokens {
  @ValidateNested()
  @Type(() => JobOptions)
  options: JobOptions;
}
