import { applyDecorators } from '@nestjs/common';
import { Expose } from 'class-transformer';
import { BUS_PASSWORD_PATTERN, BUS_PASSWORD_RULE } from '@btsx/contracts';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsIP,
  IsOptional,
  IsString,
  isURL,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { EnvBoolean, EnvInt } from './env-transforms';

const NATS_URL_OPTIONS = { protocols: ['nats', 'tls'], require_tld: false, require_protocol: true };
const DATABASE_URL_OPTIONS = {
  protocols: ['postgres', 'postgresql'],
  require_tld: false,
  require_protocol: true,
};

/** What every service reads: its own HTTP address and logging. */
export class ServiceConfig {
  @Expose()
  @EnvInt(0)
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0)
  @Max(65535)
  PORT: number;

  /**
   * The address the HTTP server binds: loopback unless told otherwise, so a service started
   * on a machine is not reachable from its network. Containers set 0.0.0.0.
   */
  @Expose()
  @IsIP(undefined, { message: 'HOST must be an IP address, e.g. 127.0.0.1 or 0.0.0.0' })
  HOST: string = '127.0.0.1';

  @Expose()
  @EnvBoolean(false)
  @IsBoolean()
  LOG_JSON: boolean;

  @Expose()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'], {
    message: 'LOG_LEVEL must be one of error, warn, log, debug, verbose',
  })
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

/** `nats://a:4222` or, for a cluster, every node's URL separated by commas. */
function IsNatsUrls(): PropertyDecorator {
  return ValidateBy({
    name: 'isNatsUrls',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && natsUrls(value).every((url) => isURL(url, NATS_URL_OPTIONS)),
      defaultMessage: () =>
        'NATS_URL must be a nats:// URL, or several separated by commas (a cluster)',
    },
  });
}

/** The servers NATS_URL names. */
export function natsUrls(setting: string): string[] {
  return setting.split(',').map((url) => url.trim());
}

/** Services on the bus. */
export class BusServiceConfig extends ServiceConfig {
  @Expose()
  @IsNatsUrls()
  NATS_URL: string;

  /**
   * Copies of every stream and key-value bucket: 1 on a single NATS server, 3 on a three-node
   * JetStream cluster (the large overlay), so that losing a node loses no work.
   */
  @Expose()
  @EnvInt(1)
  @IsInt({ message: 'NATS_REPLICAS must be a whole number from 1 to 5' })
  @Min(1, { message: 'NATS_REPLICAS must be a whole number from 1 to 5' })
  @Max(5, { message: 'NATS_REPLICAS must be a whole number from 1 to 5' })
  NATS_REPLICAS: number;

  /**
   * This service's password on NATS, whose user is named after the service; unset, it
   * connects without a user (a NATS without authorization, as in the integration tests).
   */
  @Expose()
  @IsOptional()
  @Matches(BUS_PASSWORD_PATTERN, { message: `NATS_PASSWORD must be ${BUS_PASSWORD_RULE}` })
  NATS_PASSWORD?: string;

  /** A CA certificate (PEM file) that NATS's TLS certificate must chain to; set, TLS is required. */
  @Expose()
  @IsOptional()
  @IsString()
  NATS_TLS_CA?: string;
}

export class DatabaseServiceConfig extends BusServiceConfig {
  @Expose()
  @IsUrl(DATABASE_URL_OPTIONS, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;
}

/**
 * For services that open IMAP connections on a user's behalf: off by default so a user
 * cannot point BTSX at our own network (loopback, private, link-local); tests turn it on.
 */
export function AllowPrivateHostsSetting(): PropertyDecorator {
  return applyDecorators(Expose(), EnvBoolean(false), IsBoolean()) as PropertyDecorator;
}

/** IMAP connections BTSX opens to one account at most, across every process (default 8). */
export function MaxConnectionsPerAccountSetting(): PropertyDecorator {
  return applyDecorators(
    Expose(),
    EnvInt(8),
    IsInt({ message: 'IMAP_MAX_CONNECTIONS_PER_ACCOUNT must be a whole number' }),
    Min(2, { message: 'IMAP_MAX_CONNECTIONS_PER_ACCOUNT must be at least 2' }),
    Max(100),
  ) as PropertyDecorator;
}

/**
 * IMAP connections BTSX opens to one mail server (host and port) at most, across every
 * account and process (default 16): servers cap the connections from one client address
 * (Courier closes the 21st), and BTSX's replicas may all reach a server from one address.
 * Hosts that serve millions of accounts (Gmail, Microsoft 365) are not capped.
 */
export function MaxConnectionsPerHostSetting(): PropertyDecorator {
  return applyDecorators(
    Expose(),
    EnvInt(16),
    IsInt({ message: 'IMAP_MAX_CONNECTIONS_PER_HOST must be a whole number' }),
    Min(3, { message: 'IMAP_MAX_CONNECTIONS_PER_HOST must be at least 3' }),
    Max(10_000),
  ) as PropertyDecorator;
}

/**
 * An IMAP connection silent this long while a command waits is dropped (IMAP_COMMAND_TIMEOUT_MS):
 * a silent server ends the attempt, and the work is retried on a new connection.
 */
export function CommandTimeoutSetting(defaultMs: number): PropertyDecorator {
  return applyDecorators(
    Expose(),
    EnvInt(defaultMs),
    IsInt({ message: 'IMAP_COMMAND_TIMEOUT_MS must be a whole number' }),
    Min(1_000),
    Max(3_600_000),
  ) as PropertyDecorator;
}
