import { AllowPrivateHostsSetting, DatabaseServiceConfig, EnvInt } from '@btsx/platform';
import { applyDecorators } from '@nestjs/common';
import { Expose, Transform } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, IsUrl, Max, Min, ValidateIf } from 'class-validator';

/** The first retry waits 10 s (then 20, 40, 80, 160): a receiver restarting is back by then. */
const DEFAULT_NOTIFY_RETRY_BASE_MS = 10_000;
/** How often due notifications are looked for: a finished job's mail leaves within seconds. */
const DEFAULT_NOTIFY_SWEEP_MS = 2_000;
/** A webhook receiver or SMTP server slower than this is taken as down and tried again later. */
const DEFAULT_NOTIFY_SEND_TIMEOUT_MS = 10_000;

const EmptyIsUnset = (): PropertyDecorator =>
  Transform(({ value }) => (value === '' ? undefined : value));

function Milliseconds(name: string, fallback: number, min: number, max: number) {
  return applyDecorators(
    Expose(),
    EnvInt(fallback),
    IsInt({ message: `${name} must be a whole number of milliseconds` }),
    Min(min, { message: `${name} must be at least ${min}` }),
    Max(max, { message: `${name} must be at most ${max}` }),
  ) as PropertyDecorator;
}

/** What the orchestrator's notifications read (docs/deploy.md, "Notifications"). */
export class NotifyConfig extends DatabaseServiceConfig {
  /** Webhook URLs may name private hosts (and http://), as IMAP hosts may. */
  @AllowPrivateHostsSetting()
  BTSX_ALLOW_PRIVATE_HOSTS: boolean;

  /** The URL users open: mails and webhooks link to the job's status page under it. */
  @Expose()
  @Transform(({ value }) => (value === undefined || value === '' ? 'http://localhost:8080' : value))
  @IsUrl(
    { protocols: ['http', 'https'], require_tld: false, require_protocol: true },
    { message: 'PUBLIC_URL must be an http(s) URL' },
  )
  PUBLIC_URL: string;

  /**
   * `smtp://user:password@host:587` (STARTTLS) or `smtps://…:465`; unset: no e-mail
   * notifications. Holds a password: named in errors, never shown.
   */
  @Expose()
  @EmptyIsUnset()
  @IsOptional()
  @IsUrl(
    { protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true },
    { message: 'SMTP_URL must be an smtp:// or smtps:// URL' },
  )
  SMTP_URL?: string;

  /** The sender of notification mails; required with SMTP_URL. */
  @Expose()
  @EmptyIsUnset()
  @ValidateIf((config: NotifyConfig) => config.SMTP_URL !== undefined)
  @IsString({ message: 'NOTIFY_FROM must be set with SMTP_URL' })
  @IsEmail({}, { message: 'NOTIFY_FROM must be an e-mail address' })
  NOTIFY_FROM?: string;

  @Milliseconds('NOTIFY_RETRY_BASE_MS', DEFAULT_NOTIFY_RETRY_BASE_MS, 100, 600_000)
  NOTIFY_RETRY_BASE_MS: number;

  @Milliseconds('NOTIFY_SWEEP_MS', DEFAULT_NOTIFY_SWEEP_MS, 50, 60_000)
  NOTIFY_SWEEP_MS: number;

  @Milliseconds('NOTIFY_SEND_TIMEOUT_MS', DEFAULT_NOTIFY_SEND_TIMEOUT_MS, 500, 120_000)
  NOTIFY_SEND_TIMEOUT_MS: number;
}
