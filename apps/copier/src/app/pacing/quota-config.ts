import {
  DEFAULT_DAILY_TRANSFER_MB,
  type QuotaDirection,
  type QuotaProvider,
} from '@btsx/contracts';
import { DatabaseServiceConfig, EnvInt } from '@btsx/platform';
import { applyDecorators } from '@nestjs/common';
import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { QuotaRule } from './rolling-window';

const DAY_MS = 24 * 3600_000;
const MB = 1024 * 1024;
/** 10 TB: a quota larger than any day's transfer; a larger number is a typo. */
const MAX_QUOTA_MB = 10_000_000;

/** `COPIER_QUOTA_GMAIL_UPLOAD_MB`: MB per window; 0 counts nothing. */
function QuotaMbSetting(provider: QuotaProvider, direction: QuotaDirection): PropertyDecorator {
  const name = quotaSettingName(provider, direction);
  return applyDecorators(
    Expose(),
    EnvInt(DEFAULT_DAILY_TRANSFER_MB[provider][direction]),
    IsInt({ message: `${name} must be a whole number of MB` }),
    Min(0),
    Max(MAX_QUOTA_MB),
  ) as PropertyDecorator;
}

type QuotaSettingName = `COPIER_QUOTA_${Uppercase<QuotaProvider>}_${Uppercase<QuotaDirection>}_MB`;

function quotaSettingName(provider: QuotaProvider, direction: QuotaDirection): QuotaSettingName {
  return `COPIER_QUOTA_${provider.toUpperCase()}_${direction.toUpperCase()}_MB` as QuotaSettingName;
}

/** The copier's transfer quotas per account, by provider and direction (docs/deploy.md). */
export class QuotaServiceConfig extends DatabaseServiceConfig {
  @QuotaMbSetting('gmail', 'download')
  COPIER_QUOTA_GMAIL_DOWNLOAD_MB: number;

  @QuotaMbSetting('gmail', 'upload')
  COPIER_QUOTA_GMAIL_UPLOAD_MB: number;

  @QuotaMbSetting('microsoft', 'download')
  COPIER_QUOTA_MICROSOFT_DOWNLOAD_MB: number;

  @QuotaMbSetting('microsoft', 'upload')
  COPIER_QUOTA_MICROSOFT_UPLOAD_MB: number;

  @QuotaMbSetting('imap', 'download')
  COPIER_QUOTA_IMAP_DOWNLOAD_MB: number;

  @QuotaMbSetting('imap', 'upload')
  COPIER_QUOTA_IMAP_UPLOAD_MB: number;

  /**
   * The rolling window the quotas count over: Gmail's day is any 24 hours, not a calendar
   * day. Tests shorten it to seconds.
   */
  @Expose()
  @EnvInt(DAY_MS)
  @IsInt({ message: 'COPIER_QUOTA_WINDOW_MS must be a whole number' })
  @Min(1_000)
  @Max(7 * DAY_MS)
  COPIER_QUOTA_WINDOW_MS: number;

  /**
   * A task that must wait for a quota this long at most waits with its connections open;
   * a longer wait checkpoints and hands the task back to go on at the time the quota allows.
   */
  @Expose()
  @EnvInt(60_000)
  @IsInt({ message: 'COPIER_QUOTA_HOLD_MS must be a whole number' })
  @Min(0)
  @Max(300_000)
  COPIER_QUOTA_HOLD_MS: number;
}

/** The quota an account of this provider has in this direction; undefined when none. */
export function quotaRule(
  config: QuotaServiceConfig,
  provider: QuotaProvider,
  direction: QuotaDirection,
): QuotaRule | undefined {
  const mb = config[quotaSettingName(provider, direction)];
  return mb > 0 ? { limitBytes: mb * MB, windowMs: config.COPIER_QUOTA_WINDOW_MS } : undefined;
}
