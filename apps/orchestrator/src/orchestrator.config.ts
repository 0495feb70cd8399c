import { DatabaseServiceConfig, EnvInt } from '@btsx/platform';
import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** POST /api/jobs has a user waiting on the start page: fail fast rather than hang. */
const DEFAULT_AUTH_REQUEST_TIMEOUT_MS = 5_000;
/** What the web page promises: a finished job is deleted a week after it ended. */
const DEFAULT_JOB_RETENTION_DAYS = 7;
/** Ten years: beyond that "retention" means "never", which the promise to users rules out. */
const MAX_JOB_RETENTION_DAYS = 3_650;

export class OrchestratorConfig extends DatabaseServiceConfig {
  /** How long job creation waits for auth to describe a credential before answering 503. */
  @Expose()
  @EnvInt(DEFAULT_AUTH_REQUEST_TIMEOUT_MS)
  @IsInt({ message: 'AUTH_REQUEST_TIMEOUT_MS must be a whole number' })
  @Min(100, { message: 'AUTH_REQUEST_TIMEOUT_MS must be at least 100' })
  @Max(60_000, { message: 'AUTH_REQUEST_TIMEOUT_MS must be at most 60000' })
  AUTH_REQUEST_TIMEOUT_MS: number;

  /** Days after its end a finished job (and all its rows) is deleted by the retention sweep. */
  @Expose()
  @EnvInt(DEFAULT_JOB_RETENTION_DAYS)
  @IsInt({ message: 'JOB_RETENTION_DAYS must be a whole number' })
  @Min(1, { message: 'JOB_RETENTION_DAYS must be at least 1' })
  @Max(MAX_JOB_RETENTION_DAYS, {
    message: `JOB_RETENTION_DAYS must be at most ${MAX_JOB_RETENTION_DAYS}`,
  })
  JOB_RETENTION_DAYS: number;
}
