import { DEFAULT_BATCH_CREDENTIAL_DAYS, DEFAULT_MIN_PASS_INTERVAL_MS } from '@btsx/contracts';
import { EnvInt, TrustedProxiesSetting, TrustedProxyHopsSetting } from '@btsx/platform';
import { Expose } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { AdminSsoConfig } from './admin/sso/admin-sso-config';

/** POST /api/jobs has a user waiting on the start page: fail fast rather than hang. */
const DEFAULT_AUTH_REQUEST_TIMEOUT_MS = 5_000;
/** A plan lists every message of the source: a large mailbox far away takes a while. */
const DEFAULT_PLAN_TIMEOUT_MS = 120_000;
/** What the web page promises: a finished job is deleted a week after it ended. */
const DEFAULT_JOB_RETENTION_DAYS = 7;
/** Ten years: beyond that "retention" means "never", which the promise to users rules out. */
const MAX_JOB_RETENTION_DAYS = 3_650;
/** A quarter, as a schedule's longest life: passwords kept longer serve no migration. */
const MAX_BATCH_CREDENTIAL_DAYS = 90;
/** A working day: an admin signs in once in the morning. */
const DEFAULT_ADMIN_SESSION_HOURS = 12;
/** How often the batch scheduler looks for room to start queued jobs. */
const DEFAULT_BATCH_TICK_MS = 1_000;
/**
 * A tenant's jobs at once across all its batches, unless the tenant says otherwise: one
 * batch at its largest concurrency (200) fits, so an upgrade slows no existing batch.
 */
const DEFAULT_BATCH_TENANT_CONCURRENCY = 200;
/** Jobs started (POST /api/jobs) per source account per window: a person retries a few times. */
const DEFAULT_JOBS_PER_ACCOUNT = 30;
/** Per client address: an office behind one NAT still moves a few dozen mailboxes an hour. */
const DEFAULT_JOBS_PER_CLIENT = 200;
const DEFAULT_JOB_WINDOW_SECONDS = 60 * 60;
/** A due pass starts within this: against intervals of hours, a few seconds late is on time. */
const DEFAULT_SCHEDULE_TICK_MS = 10_000;

/** The notifications' settings are NotifyConfig's, single sign-on's AdminSsoConfig's; the rest are here. */
export class OrchestratorConfig extends AdminSsoConfig {
  /** How long job creation waits for auth to describe a credential before answering 503. */
  @Expose()
  @EnvInt(DEFAULT_AUTH_REQUEST_TIMEOUT_MS)
  @IsInt({ message: 'AUTH_REQUEST_TIMEOUT_MS must be a whole number' })
  @Min(100, { message: 'AUTH_REQUEST_TIMEOUT_MS must be at least 100' })
  @Max(60_000, { message: 'AUTH_REQUEST_TIMEOUT_MS must be at most 60000' })
  AUTH_REQUEST_TIMEOUT_MS: number;

  /** How long POST /api/plans waits for discovery's plan before answering 503. */
  @Expose()
  @EnvInt(DEFAULT_PLAN_TIMEOUT_MS)
  @IsInt({ message: 'PLAN_TIMEOUT_MS must be a whole number' })
  @Min(1_000, { message: 'PLAN_TIMEOUT_MS must be at least 1000' })
  @Max(600_000, { message: 'PLAN_TIMEOUT_MS must be at most 600000' })
  PLAN_TIMEOUT_MS: number;

  /** Days after its end a finished job (and all its rows) is deleted by the retention sweep. */
  @Expose()
  @EnvInt(DEFAULT_JOB_RETENTION_DAYS)
  @IsInt({ message: 'JOB_RETENTION_DAYS must be a whole number' })
  @Min(1, { message: 'JOB_RETENTION_DAYS must be at least 1' })
  @Max(MAX_JOB_RETENTION_DAYS, {
    message: `JOB_RETENTION_DAYS must be at most ${MAX_JOB_RETENTION_DAYS}`,
  })
  JOB_RETENTION_DAYS: number;

  /** The first admin, created at boot when no admin has this email yet. */
  @Expose()
  @IsOptional()
  @IsEmail({}, { message: 'BTSX_ADMIN_EMAIL must be an email address' })
  BTSX_ADMIN_EMAIL?: string;

  @Expose()
  @ValidateIf((config: OrchestratorConfig) => config.BTSX_ADMIN_EMAIL !== undefined)
  @IsString({ message: 'BTSX_ADMIN_PASSWORD must be set with BTSX_ADMIN_EMAIL' })
  @MinLength(12, { message: 'BTSX_ADMIN_PASSWORD must be at least 12 characters' })
  BTSX_ADMIN_PASSWORD?: string;

  @Expose()
  @EnvInt(DEFAULT_ADMIN_SESSION_HOURS)
  @IsInt({ message: 'ADMIN_SESSION_HOURS must be a whole number' })
  @Min(1, { message: 'ADMIN_SESSION_HOURS must be at least 1' })
  @Max(720, { message: 'ADMIN_SESSION_HOURS must be at most 720' })
  ADMIN_SESSION_HOURS: number;

  @Expose()
  @EnvInt(DEFAULT_BATCH_TICK_MS)
  @IsInt({ message: 'BATCH_TICK_MS must be a whole number' })
  @Min(50, { message: 'BATCH_TICK_MS must be at least 50' })
  @Max(60_000, { message: 'BATCH_TICK_MS must be at most 60000' })
  BATCH_TICK_MS: number;

  /** A tenant's share of the batch scheduler (jobs at once), unless the tenant sets its own. */
  @Expose()
  @EnvInt(DEFAULT_BATCH_TENANT_CONCURRENCY)
  @IsInt({ message: 'BATCH_TENANT_CONCURRENCY must be a whole number' })
  @Min(1, { message: 'BATCH_TENANT_CONCURRENCY must be at least 1' })
  @Max(10_000, { message: 'BATCH_TENANT_CONCURRENCY must be at most 10000' })
  BATCH_TENANT_CONCURRENCY: number;

  /** Jobs started (POST /api/jobs) per source account (server and user name) per window. */
  @Expose()
  @EnvInt(DEFAULT_JOBS_PER_ACCOUNT)
  @IsInt({ message: 'JOBS_PER_ACCOUNT must be a whole number' })
  @Min(1, { message: 'JOBS_PER_ACCOUNT must be at least 1' })
  JOBS_PER_ACCOUNT: number;

  /** Jobs started per client address per window. */
  @Expose()
  @EnvInt(DEFAULT_JOBS_PER_CLIENT)
  @IsInt({ message: 'JOBS_PER_CLIENT must be a whole number' })
  @Min(1, { message: 'JOBS_PER_CLIENT must be at least 1' })
  JOBS_PER_CLIENT: number;

  @Expose()
  @EnvInt(DEFAULT_JOB_WINDOW_SECONDS)
  @IsInt({ message: 'JOB_WINDOW_SECONDS must be a whole number of seconds' })
  @Min(1, { message: 'JOB_WINDOW_SECONDS must be at least 1' })
  JOB_WINDOW_SECONDS: number;

  /** How often the schedules' scheduler looks for passes due and passes ended. */
  @Expose()
  @EnvInt(DEFAULT_SCHEDULE_TICK_MS)
  @IsInt({ message: 'SCHEDULE_TICK_MS must be a whole number' })
  @Min(50, { message: 'SCHEDULE_TICK_MS must be at least 50' })
  @Max(600_000, { message: 'SCHEDULE_TICK_MS must be at most 600000' })
  SCHEDULE_TICK_MS: number;

  /**
   * The shortest interval between a schedule's passes users may ask for: an hour. Tests lower
   * it to seconds; in production a shorter one only loads both mail servers for little.
   */
  @Expose()
  @EnvInt(DEFAULT_MIN_PASS_INTERVAL_MS)
  @IsInt({ message: 'SCHEDULE_MIN_INTERVAL_MS must be a whole number' })
  @Min(1_000, { message: 'SCHEDULE_MIN_INTERVAL_MS must be at least 1000' })
  SCHEDULE_MIN_INTERVAL_MS: number;

  /**
   * Days a batch keeps its stored passwords after its last pass ended (a scheduled batch's
   * go at its schedule's end): then the expiry sweep deletes them. The Terms page states it.
   */
  @Expose()
  @EnvInt(DEFAULT_BATCH_CREDENTIAL_DAYS)
  @IsInt({ message: 'BATCH_CREDENTIAL_DAYS must be a whole number' })
  @Min(0, { message: 'BATCH_CREDENTIAL_DAYS must be at least 0' })
  @Max(MAX_BATCH_CREDENTIAL_DAYS, {
    message: `BATCH_CREDENTIAL_DAYS must be at most ${MAX_BATCH_CREDENTIAL_DAYS}`,
  })
  BATCH_CREDENTIAL_DAYS: number;

  /** Who may tell the orchestrator the client's address in X-Forwarded-For: the gateway. */
  @TrustedProxiesSetting()
  TRUSTED_PROXIES: string = 'loopback';

  /** Proxies in front of the gateway (an ingress): X-Forwarded-For entries they appended. */
  @TrustedProxyHopsSetting()
  TRUSTED_PROXY_HOPS: number;
}
