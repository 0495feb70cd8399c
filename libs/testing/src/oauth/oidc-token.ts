import { createHash, randomBytes } from 'node:crypto';
import type { OidcProviderServer } from './oidc-provider-server';

/** RFC 7636 §4.1: 32 random bytes give the 43-character verifier the RFC recommends. */
const PKCE_VERIFIER_BYTES = 32;

export interface OidcTokenRequest {
  clientId: string;
  clientSecret: string;
  /** One of the client's registered redirect URIs; it is never fetched. */
  redirectUri: string;
  /** The provider login to sign in as. */
  login: string;
  /** Default: `openid email`. */
  scope?: string;
}

export interface OidcTokens {
  accessToken: string;
  refreshToken?: string;
  expiresIn?: number;
}

/**
 * An access token for a user, the way any OAuth client gets one (authorization code with
 * PKCE through the provider's login and consent pages, then the token endpoint). Tests use
 * it to seed a mailbox on an OAuth-only Dovecot, which takes the token as the password of
 * a plain LOGIN.
 */
export async function obtainOidcTokens(
  provider: OidcProviderServer,
  request: OidcTokenRequest,
): Promise<OidcTokens> {
  const verifier = randomBytes(PKCE_VERIFIER_BYTES).toString('base64url');
  const authorization = new URL(provider.authorizationUrl);
  authorization.search = new URLSearchParams({
    client_id: request.clientId,
    response_type: 'code',
    redirect_uri: request.redirectUri,
    scope: request.scope ?? 'openid email',
    state: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const callback = new URL(
    await provider.login({ authorizationUrl: authorization.toString(), login: request.login }),
  );
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no authorization code in ${callback.origin}${callback.pathname}`);
  const response = await fetch(provider.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: request.redirectUri,
      code_verifier: verifier,
      client_id: request.clientId,
      client_secret: request.clientSecret,
    }).toString(),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new Error(`token exchange failed: HTTP ${response.status} ${String(body.error ?? '')}`);
  }
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
    expiresIn: typeof body.expires_in === 'number' ? body.expires_in : undefined,
  };
}
