import type { Request } from 'express';
import { Strategy as GoogleStrategy } from 'passport-google-oauth20';
import { Strategy as OAuth2Strategy, VerifyCallback } from 'passport-oauth2';
import { OAuthProvider } from './oauth-provider-registry';
import { OAuthStateStore, PendingFlow } from './oauth-state-store';

/** What the strategy hands back after a successful code exchange. */
export interface ExchangedGrant {
  accessToken: string;
  refreshToken?: string;
  /** Seconds, as the token response said. */
  expiresIn?: number;
  email?: string;
}

/** The controller consumes the state itself (it needs side and returnTo for any error). */
export const CONSUMED_FLOW = Symbol('consumedOAuthFlow');
export type RequestWithFlow = Request & { [CONSUMED_FLOW]?: PendingFlow };

/**
 * passport-oauth2's state store contract (arity 5 / 4): `store` keeps the flow with its
 * PKCE verifier under a fresh random state; `verify` hands back the flow the controller
 * already consumed, whose verifier then goes into the token request.
 */
export class FlowStateStore {
  constructor(private readonly states: OAuthStateStore) {}

  store(
    _req: Request,
    verifier: string | undefined,
    flow: Omit<PendingFlow, 'verifier'>,
    _meta: unknown,
    done: (err: Error | null, state?: string) => void,
  ): void {
    this.states.create({ ...flow, verifier }).then(
      (state) => done(null, state),
      (error: Error) => done(error),
    );
  }

  verify(
    req: RequestWithFlow,
    _state: string,
    _meta: unknown,
    done: (err: Error | null, ok: string | boolean, flow?: PendingFlow) => void,
  ): void {
    const flow = req[CONSUMED_FLOW];
    done(null, flow ? (flow.verifier ?? true) : false, flow);
  }
}

/** The passport strategy of one provider, pointed at its configured endpoints. */
export function createStrategy(provider: OAuthProvider, store: FlowStateStore): OAuth2Strategy {
  if (!provider.client) throw new Error(`${provider.name} is not configured`);
  const options = {
    clientID: provider.client.id,
    clientSecret: provider.client.secret,
    callbackURL: provider.callbackUrl,
    authorizationURL: provider.authorizationUrl,
    tokenURL: provider.tokenUrl,
    scope: provider.scopes,
    pkce: provider.pkce,
    state: true,
    store,
  };
  const verify = (
    accessToken: string,
    refreshToken: string | undefined,
    params: Record<string, unknown>,
    profile: { emails?: { value: string }[] },
    done: VerifyCallback,
  ): void => {
    const claims = idTokenClaims(params.id_token);
    const email =
      profile?.emails?.[0]?.value ??
      stringClaim(claims, 'email') ??
      stringClaim(claims, 'preferred_username');
    const expiresIn = Number(params.expires_in);
    done(null, { accessToken, refreshToken, expiresIn, email } satisfies ExchangedGrant);
  };
  const strategy =
    provider.strategy === 'google'
      ? new GoogleStrategy(
          { ...options, userProfileURL: provider.userinfoUrl } as never,
          verify as never,
        )
      : new OAuth2Strategy(options as never, verify as never);
  const extra = provider.authorizationParams;
  const base = strategy.authorizationParams.bind(strategy);
  strategy.authorizationParams = (opts: object) => ({ ...base(opts), ...extra });
  // Send the access token in the Authorization header, never in a URL (node-oauth's default
  // is ?access_token=, which ends up in access logs).
  (strategy as unknown as OAuth2Internals)._oauth2.useAuthorizationHeaderforGET(true);
  if (provider.strategy === 'oauth2') {
    strategy.userProfile = (accessToken, done) =>
      void userinfo(provider, accessToken).then(
        (profile) => done(null, profile),
        (error: Error) => done(error),
      );
  }
  return strategy;
}

interface OAuth2Internals {
  _oauth2: { useAuthorizationHeaderforGET(use: boolean): void };
}

/** The OpenID Connect userinfo, when the provider has one configured; otherwise nothing. */
async function userinfo(provider: OAuthProvider, accessToken: string): Promise<object> {
  if (!provider.userinfoUrl) return {};
  const response = await fetch(provider.userinfoUrl, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`userinfo answered HTTP ${response.status}`);
  const body = (await response.json()) as Record<string, unknown>;
  const email = stringClaim(body, 'email');
  return email ? { emails: [{ value: email }] } : {};
}

/**
 * The id_token's claims without checking its signature: it came straight from the token
 * endpoint over TLS in the code flow, which OpenID Connect Core §3.1.3.7 accepts instead.
 */
export function idTokenClaims(idToken: unknown): Record<string, unknown> {
  if (typeof idToken !== 'string') return {};
  try {
    return JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return {};
  }
}

function stringClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.includes('@') ? value : undefined;
}
