import { applyDecorators } from '@nestjs/common';
import { Expose, Transform } from 'class-transformer';
import { IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import { NotifyConfig } from '../../notifications/notify-config';

/** Claim names as identity providers spell them: URLs (Auth0's namespaced claims) included. */
const CLAIM_NAME = /^[\w.:/-]{1,200}$/;

const EmptyIsUnset = (): PropertyDecorator =>
  Transform(({ value }) => (value === '' ? undefined : value));

const DefaultTo = (fallback: string): PropertyDecorator =>
  Transform(({ value }) => (value === undefined || value === '' ? fallback : value));

/** Required once ADMIN_OIDC_ISSUER is set; a secret is named in errors, never shown. */
function RequiredWithIssuer(name: string): PropertyDecorator {
  return applyDecorators(
    Expose(),
    EmptyIsUnset(),
    ValidateIf((config: AdminSsoConfig) => config.ADMIN_OIDC_ISSUER !== undefined),
    IsString({ message: `${name} must be set with ADMIN_OIDC_ISSUER` }),
  ) as PropertyDecorator;
}

function ClaimName(name: string, fallback: string): PropertyDecorator {
  return applyDecorators(
    Expose(),
    DefaultTo(fallback),
    Matches(CLAIM_NAME, { message: `${name} must be a claim name` }),
  ) as PropertyDecorator;
}

/**
 * Single sign-on for admins with an OpenID Connect provider (docs/admin.md, "Single
 * sign-on"). Off while ADMIN_OIDC_ISSUER is unset.
 */
export class AdminSsoConfig extends NotifyConfig {
  /** The provider's issuer: its discovery document is `<issuer>/.well-known/openid-configuration`. */
  @Expose()
  @EmptyIsUnset()
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_tld: false, require_protocol: true },
    { message: 'ADMIN_OIDC_ISSUER must be an http(s) URL' },
  )
  ADMIN_OIDC_ISSUER?: string;

  @RequiredWithIssuer('ADMIN_OIDC_CLIENT_ID')
  ADMIN_OIDC_CLIENT_ID?: string;

  @RequiredWithIssuer('ADMIN_OIDC_CLIENT_SECRET')
  ADMIN_OIDC_CLIENT_SECRET?: string;

  /** The sign-in button says "Sign in with <label>". */
  @Expose()
  @DefaultTo('single sign-on')
  @IsString()
  @MaxLength(60, { message: 'ADMIN_OIDC_LABEL must be at most 60 characters' })
  ADMIN_OIDC_LABEL: string;

  /** Space-separated; the role and tenant claims must come with one of them. */
  @Expose()
  @DefaultTo('openid email profile')
  @Matches(/(^|\s)openid(\s|$)/, { message: 'ADMIN_OIDC_SCOPES must include openid' })
  ADMIN_OIDC_SCOPES: string;

  /** The ID-token claim that holds the admin's role: owner, operator or viewer. */
  @ClaimName('ADMIN_OIDC_ROLE_CLAIM', 'btsx_role')
  ADMIN_OIDC_ROLE_CLAIM: string;

  /** The ID-token claim that holds the admin's tenant, by id or by name. */
  @ClaimName('ADMIN_OIDC_TENANT_CLAIM', 'btsx_tenant')
  ADMIN_OIDC_TENANT_CLAIM: string;

  /**
   * The tenant claim's value that makes an MSP admin (no tenant, sees every tenant).
   * Unset: nobody signs in as an MSP admin through SSO; a missing claim is never one.
   */
  @Expose()
  @EmptyIsUnset()
  @IsOptional()
  @IsString()
  ADMIN_OIDC_MSP_VALUE?: string;
}
