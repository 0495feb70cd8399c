import { ADMIN_ROLES, AdminRole, AdminSsoErrorCode, AdminSsoInfo } from '@btsx/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { OrchestratorConfig } from '../../orchestrator.config';
import { AdminAccountsService, SsoAdmin } from '../admin-accounts.service';
import { sameSecret } from '../secret-tokens';
import { TenantsService } from '../tenants.service';
import { AdminOidcClient } from './admin-oidc-client';
import { IdTokenClaims, IdTokenError } from './id-token';
import { OidcProviderError } from './oidc-http';
import { codeChallenge, newPendingSignIn, PendingSignInSeal } from './sso-pending';

export const SSO_CALLBACK_PATH = '/api/admin/sso/callback';

/** A sign-in that ends without a session; `code` is what the login page shows. */
export class SsoRefusal extends Error {
  constructor(
    readonly code: AdminSsoErrorCode,
    /** For the server's log: never shown, never holds a token. */
    readonly why: string,
    /** The address the provider vouched for, once known: the activity log names it. */
    readonly email?: string,
  ) {
    super(why);
  }
}

/** What the provider's redirect brought back (RFC 6749 §4.1.2). */
export interface SsoCallback {
  code?: string;
  state?: string;
  error?: string;
}

/**
 * Admin single sign-on: the provider's ID token names the admin (its e-mail address), its
 * role and its tenant; the admin is found or made by address and follows the claims.
 */
@Injectable()
export class AdminSsoService {
  private readonly seal?: PendingSignInSeal;

  constructor(
    private readonly oidc: AdminOidcClient,
    private readonly accounts: AdminAccountsService,
    private readonly tenants: TenantsService,
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
  ) {
    const secret = config.ADMIN_OIDC_CLIENT_SECRET;
    if (this.oidc.enabled && secret) this.seal = new PendingSignInSeal(secret);
  }

  info(): AdminSsoInfo {
    return this.seal
      ? { enabled: true, label: this.config.ADMIN_OIDC_LABEL }
      : { enabled: false, label: null };
  }

  /** Where to send the browser, and the sealed cookie that remembers this sign-in. */
  async start(): Promise<{ url: string; cookie: string }> {
    const seal = this.requireSeal();
    const pending = newPendingSignIn();
    const url = await this.provider(() =>
      this.oidc.authorizationUrl({
        state: pending.state,
        nonce: pending.nonce,
        codeChallenge: codeChallenge(pending.codeVerifier),
        redirectUri: this.redirectUri,
      }),
    );
    return { url, cookie: seal.seal(pending) };
  }

  /** The admin of a successful callback; an SsoRefusal for anything else. */
  async finish(callback: SsoCallback, cookie: string | undefined): Promise<SsoAdmin> {
    const pending = this.requireSeal().open(cookie);
    if (!pending || !callback.state || !sameSecret(callback.state, pending.state)) {
      throw new SsoRefusal('expired', 'no pending sign-in with this state in this browser');
    }
    if (callback.error || !callback.code) {
      throw new SsoRefusal(
        'provider',
        `the provider answered ${callback.error ?? 'without a code'}`,
      );
    }
    const { code } = callback;
    const claims = await this.provider(() =>
      this.oidc.signIn(code, pending.codeVerifier, this.redirectUri, pending.nonce),
    );
    const email = verifiedEmail(claims);
    const role = this.roleOf(claims, email);
    const tenantId = await this.tenantOf(claims, email);
    return this.accounts.fromSso(email, role, tenantId);
  }

  private get redirectUri(): string {
    return new URL(SSO_CALLBACK_PATH, this.config.PUBLIC_URL).toString();
  }

  private requireSeal(): PendingSignInSeal {
    if (!this.seal) throw new SsoRefusal('off', 'single sign-on is not configured');
    return this.seal;
  }

  /** Runs a call to the provider; its failures become refusals, with the reason logged. */
  private async provider<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof IdTokenError) throw new SsoRefusal('token', error.message);
      if (error instanceof OidcProviderError) throw new SsoRefusal('provider', error.message);
      throw error;
    }
  }

  private roleOf(claims: IdTokenClaims, email: string): AdminRole {
    const value = claims[this.config.ADMIN_OIDC_ROLE_CLAIM];
    if (ADMIN_ROLES.includes(value as AdminRole)) return value as AdminRole;
    throw new SsoRefusal('role', `claim ${this.config.ADMIN_OIDC_ROLE_CLAIM} names no role`, email);
  }

  /** null: an MSP admin, only when the claim says so with ADMIN_OIDC_MSP_VALUE. */
  private async tenantOf(claims: IdTokenClaims, email: string): Promise<string | null> {
    const name = this.config.ADMIN_OIDC_TENANT_CLAIM;
    const value = claims[name];
    const msp = this.config.ADMIN_OIDC_MSP_VALUE;
    if (msp !== undefined && value === msp) return null;
    const tenant = typeof value === 'string' ? await this.tenants.byIdOrName(value) : null;
    if (!tenant) throw new SsoRefusal('tenant', `claim ${name} names no tenant`, email);
    return tenant.id;
  }
}

/**
 * The address the admin is known by. A provider that says it did not verify the address
 * is refused: anyone could have typed it. (Some providers never send email_verified.)
 */
function verifiedEmail(claims: IdTokenClaims): string {
  const { email } = claims;
  if (typeof email !== 'string' || !email.includes('@') || claims.email_verified === false) {
    throw new SsoRefusal('email', 'no verified email claim');
  }
  return email;
}
