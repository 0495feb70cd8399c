import { DatabaseServiceConfig, EnvInt } from '@btsx/platform';
import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** POST /api/jobs has a user waiting on the start page: fail fast rather than hang. */
const DEFAULT_AUTH_REQUEST_TIMEOUT_MS = 5_000;

export class OrchestratorConfig extends DatabaseServiceConfig {
  /** How long job creation waits for auth to describe a credential before answering 503. */
  @Expose()
  @EnvInt(DEFAULT_AUTH_REQUEST_TIMEOUT_MS)
  @IsInt({ message: 'AUTH_REQUEST_TIMEOUT_MS must be a whole number' })
  @Min(100, { message: 'AUTH_REQUEST_TIMEOUT_MS must be at least 100' })
  @Max(60_000, { message: 'AUTH_REQUEST_TIMEOUT_MS must be at most 60000' })
  AUTH_REQUEST_TIMEOUT_MS: number;
}
