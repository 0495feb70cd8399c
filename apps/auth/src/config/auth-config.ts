import { AllowPrivateHostsSetting, EnvInt } from '@btsx/platform';
import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { OAuthConfig } from './oauth-config';
import { IsEncryptionKey, IsKeyId, IsPreviousKeyList } from './key-validators';

/** A day: long enough to start a job after verifying, short enough that abandoned secrets go. */
const DEFAULT_CREDENTIAL_TTL_HOURS = 24;
/** A credential lives at most a year unused; longer is a typo, not a policy. */
const MAX_CREDENTIAL_TTL_HOURS = 24 * 365;

export class AuthConfig extends OAuthConfig {
  @AllowPrivateHostsSetting()
  BTSX_ALLOW_PRIVATE_HOSTS: boolean;

  /** Encrypts every stored secret (AES-256-GCM). No default: a secret must be chosen. */
  @Expose()
  @IsEncryptionKey()
  BTSX_ENCRYPTION_KEY: string;

  /** Stored with each record, so a rotated-out key can still be found by its id. */
  @Expose()
  @IsKeyId()
  BTSX_ENCRYPTION_KEY_ID: string = 'k1';

  /** Keys that wrote older records: `id:base64key,...`; they only decrypt. */
  @Expose()
  @IsPreviousKeyList()
  BTSX_PREVIOUS_ENCRYPTION_KEYS: string = '';

  /** A credential no job used is purged after this many hours. */
  @Expose()
  @EnvInt(DEFAULT_CREDENTIAL_TTL_HOURS)
  @IsInt({ message: 'CREDENTIAL_TTL_HOURS must be a whole number of hours' })
  @Min(1, { message: 'CREDENTIAL_TTL_HOURS must be at least 1' })
  @Max(MAX_CREDENTIAL_TTL_HOURS, {
    message: `CREDENTIAL_TTL_HOURS must be at most ${MAX_CREDENTIAL_TTL_HOURS}`,
  })
  CREDENTIAL_TTL_HOURS: number;
}
