import {
  AllowPrivateHostsSetting,
  EnvInt,
  TrustedProxiesSetting,
  TrustedProxyHopsSetting,
} from '@btsx/platform';
import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { OAuthConfig } from './oauth-config';
import { IsEncryptionKey, IsKeyId, IsPreviousKeyList } from './key-validators';

/** A day: long enough to start a job after verifying, short enough that abandoned secrets go. */
const DEFAULT_CREDENTIAL_TTL_HOURS = 24;
/** Sign-in checks per window: plenty for a person, hopeless for a password guesser. */
const DEFAULT_VERIFY_ATTEMPTS_PER_ACCOUNT = 20;
/** Per client address: an office behind one NAT still moves a few dozen mailboxes. */
const DEFAULT_VERIFY_ATTEMPTS_PER_CLIENT = 100;
const DEFAULT_VERIFY_WINDOW_SECONDS = 15 * 60;

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

  /** IMAP sign-in checks (POST /api/auth/imap/verify) per account (host + user) per window. */
  @Expose()
  @EnvInt(DEFAULT_VERIFY_ATTEMPTS_PER_ACCOUNT)
  @IsInt({ message: 'VERIFY_ATTEMPTS_PER_ACCOUNT must be a whole number' })
  @Min(1, { message: 'VERIFY_ATTEMPTS_PER_ACCOUNT must be at least 1' })
  VERIFY_ATTEMPTS_PER_ACCOUNT: number;

  /** IMAP sign-in checks per client address per window. */
  @Expose()
  @EnvInt(DEFAULT_VERIFY_ATTEMPTS_PER_CLIENT)
  @IsInt({ message: 'VERIFY_ATTEMPTS_PER_CLIENT must be a whole number' })
  @Min(1, { message: 'VERIFY_ATTEMPTS_PER_CLIENT must be at least 1' })
  VERIFY_ATTEMPTS_PER_CLIENT: number;

  @Expose()
  @EnvInt(DEFAULT_VERIFY_WINDOW_SECONDS)
  @IsInt({ message: 'VERIFY_WINDOW_SECONDS must be a whole number of seconds' })
  @Min(1, { message: 'VERIFY_WINDOW_SECONDS must be at least 1' })
  VERIFY_WINDOW_SECONDS: number;

  /**
   * Who may tell auth the client's address in X-Forwarded-For: the gateway. Addresses, CIDR
   * subnets or `loopback`, comma-separated.
   */
  @TrustedProxiesSetting()
  TRUSTED_PROXIES: string = 'loopback';

  /** Proxies in front of the gateway (an ingress): X-Forwarded-For entries they appended. */
  @TrustedProxyHopsSetting()
  TRUSTED_PROXY_HOPS: number;
}
