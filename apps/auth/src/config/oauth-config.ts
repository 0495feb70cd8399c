import { DatabaseServiceConfig, EnvInt } from '@btsx/platform';
import { IMAP_SECURITY, ImapSecurity } from '@btsx/contracts';
import { applyDecorators } from '@nestjs/common';
import { Expose, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';

const URL_OPTIONS = { protocols: ['http', 'https'], require_tld: false, require_protocol: true };

/** An unset or empty variable is "not configured", not an invalid value. */
const EmptyIsUnset = (): PropertyDecorator =>
  Transform(({ value }) => (value === '' ? undefined : value));

/** Optional, and never echoed: a client secret or id is named, not shown. */
function OptionalSecret(): PropertyDecorator {
  return applyDecorators(Expose(), EmptyIsUnset(), IsOptional(), IsString()) as PropertyDecorator;
}

function OptionalUrl(name: string): PropertyDecorator {
  return applyDecorators(
    Expose(),
    EmptyIsUnset(),
    IsOptional(),
    IsUrl(URL_OPTIONS, { message: `${name} must be an http(s) URL` }),
  ) as PropertyDecorator;
}

function OptionalPort(name: string): PropertyDecorator {
  return applyDecorators(
    Expose(),
    EmptyIsUnset(),
    Transform(({ value }) => (value === undefined ? undefined : Number(value))),
    IsOptional(),
    IsInt({ message: `${name} must be a port number` }),
    Min(1, { message: `${name} must be a port number` }),
    Max(65535, { message: `${name} must be a port number` }),
  ) as PropertyDecorator;
}

function OptionalSecurity(name: string): PropertyDecorator {
  return applyDecorators(
    Expose(),
    EmptyIsUnset(),
    IsOptional(),
    IsIn(IMAP_SECURITY, { message: `${name} must be one of ${IMAP_SECURITY.join(', ')}` }),
  ) as PropertyDecorator;
}

/**
 * OAuth providers. Client ids and secrets have no defaults: a provider without them is
 * listed as unavailable. Every endpoint and the IMAP server can be overridden, which is
 * also how tests point a provider at a local authorization server.
 */
export class OAuthConfig extends DatabaseServiceConfig {
  /** The gateway's external URL: redirect URIs are built on it. */
  @Expose()
  @Transform(({ value }) => (value === undefined || value === '' ? 'http://localhost:8080' : value))
  @IsUrl(URL_OPTIONS, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL: string;

  /** Seconds a pending sign-in (state + PKCE verifier) stays usable. */
  @Expose()
  @EnvInt(600)
  @IsInt({ message: 'OAUTH_STATE_TTL_SECONDS must be a whole number' })
  @Min(30)
  @Max(3600)
  OAUTH_STATE_TTL_SECONDS: number;

  @OptionalSecret() GOOGLE_CLIENT_ID?: string;
  @OptionalSecret() GOOGLE_CLIENT_SECRET?: string;
  @OptionalUrl('GOOGLE_AUTHORIZATION_URL') GOOGLE_AUTHORIZATION_URL?: string;
  @OptionalUrl('GOOGLE_TOKEN_URL') GOOGLE_TOKEN_URL?: string;
  @OptionalUrl('GOOGLE_USERINFO_URL') GOOGLE_USERINFO_URL?: string;
  @OptionalUrl('GOOGLE_REVOCATION_URL') GOOGLE_REVOCATION_URL?: string;
  @Expose() @EmptyIsUnset() @IsOptional() @IsString() GOOGLE_IMAP_HOST?: string;
  @OptionalPort('GOOGLE_IMAP_PORT') GOOGLE_IMAP_PORT?: number;
  @OptionalSecurity('GOOGLE_IMAP_SECURITY') GOOGLE_IMAP_SECURITY?: ImapSecurity;

  @OptionalSecret() MICROSOFT_CLIENT_ID?: string;
  @OptionalSecret() MICROSOFT_CLIENT_SECRET?: string;
  /** 'common' (any work or personal account), 'organizations', or one tenant id. */
  @Expose()
  @Transform(({ value }) => (value === undefined || value === '' ? 'common' : value))
  @IsString()
  MICROSOFT_TENANT: string;
  @OptionalUrl('MICROSOFT_AUTHORIZATION_URL') MICROSOFT_AUTHORIZATION_URL?: string;
  @OptionalUrl('MICROSOFT_TOKEN_URL') MICROSOFT_TOKEN_URL?: string;
  @OptionalUrl('MICROSOFT_USERINFO_URL') MICROSOFT_USERINFO_URL?: string;
  @OptionalUrl('MICROSOFT_REVOCATION_URL') MICROSOFT_REVOCATION_URL?: string;
  @Expose() @EmptyIsUnset() @IsOptional() @IsString() MICROSOFT_IMAP_HOST?: string;
  @OptionalPort('MICROSOFT_IMAP_PORT') MICROSOFT_IMAP_PORT?: number;
  @OptionalSecurity('MICROSOFT_IMAP_SECURITY') MICROSOFT_IMAP_SECURITY?: ImapSecurity;
}
