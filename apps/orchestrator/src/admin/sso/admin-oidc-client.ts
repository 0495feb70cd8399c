import { Inject, Injectable } from '@nestjs/common';
import type { JsonWebKey } from 'node:crypto';
import { OrchestratorConfig } from '../../orchestrator.config';
import { IdTokenClaims, verifyIdToken } from './id-token';
import { OidcProviderError, oidcJson } from './oidc-http';

/** Providers rotate keys and endpoints rarely: an hour of caching spares a fetch per sign-in. */
const DISCOVERY_TTL_MS = 60 * 60_000;

/** Where the provider's endpoints are (OpenID Connect Discovery 1.0 §3). */
interface ProviderMetadata {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
}

export interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeChallenge: string;
  redirectUri: string;
}

/**
 * The orchestrator as an OpenID Connect relying party of the admins' identity provider:
 * discovery, the authorization request, the code exchange (with the client secret and the
 * PKCE verifier) and the ID token's check. Every call to the provider goes through
 * `oidcJson`, under the same private-address rules as webhooks.
 */
@Injectable()
export class AdminOidcClient {
  private metadata?: { value: Promise<ProviderMetadata>; expiresAt: number };
  private keys: JsonWebKey[] = [];

  constructor(@Inject(OrchestratorConfig) private readonly config: OrchestratorConfig) {}

  get enabled(): boolean {
    return this.config.ADMIN_OIDC_ISSUER !== undefined;
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<string> {
    const { authorizationEndpoint } = await this.discover();
    const url = new URL(authorizationEndpoint);
    for (const [name, value] of Object.entries({
      response_type: 'code',
      client_id: this.clientId,
      redirect_uri: request.redirectUri,
      scope: this.config.ADMIN_OIDC_SCOPES,
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    })) {
      url.searchParams.set(name, value);
    }
    return url.toString();
  }

  /** Trades the code for the ID token, checks it and returns its claims. */
  async signIn(
    code: string,
    codeVerifier: string,
    redirectUri: string,
    nonce: string,
  ): Promise<IdTokenClaims> {
    const { tokenEndpoint, jwksUri } = await this.discover();
    const { status, body } = await this.fetch(tokenEndpoint, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: codeVerifier,
      client_id: this.clientId,
      client_secret: this.config.ADMIN_OIDC_CLIENT_SECRET ?? '',
    });
    if (status !== 200 || typeof body.id_token !== 'string') {
      // The provider's error code says what went wrong (invalid_grant: a used or forged code).
      throw new OidcProviderError(
        `The token endpoint refused the code: ${String(body.error ?? status)}`,
      );
    }
    if (this.keys.length === 0) this.keys = await this.fetchKeys(jwksUri);
    return verifyIdToken(body.id_token, {
      issuer: this.issuer,
      clientId: this.clientId,
      nonce,
      keys: this.keys,
      refreshKeys: async () => (this.keys = await this.fetchKeys(jwksUri)),
    });
  }

  private get issuer(): string {
    return this.config.ADMIN_OIDC_ISSUER ?? '';
  }

  private get clientId(): string {
    return this.config.ADMIN_OIDC_CLIENT_ID ?? '';
  }

  private discover(): Promise<ProviderMetadata> {
    if (!this.metadata || this.metadata.expiresAt <= Date.now()) {
      const value = this.fetchMetadata();
      this.metadata = { value, expiresAt: Date.now() + DISCOVERY_TTL_MS };
      // A failed discovery is tried again at the next sign-in, not cached for an hour.
      value.catch(() => (this.metadata = undefined));
    }
    return this.metadata.value;
  }

  private async fetchMetadata(): Promise<ProviderMetadata> {
    const url = `${this.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const { status, body } = await this.fetch(url);
    // Discovery §4.3: the document must name the very issuer we asked, or it is another's.
    if (status !== 200 || body.issuer !== this.issuer) {
      throw new OidcProviderError(
        `The discovery document of ${this.issuer} is missing or not its own`,
      );
    }
    const [authorizationEndpoint, tokenEndpoint, jwksUri] = [
      body.authorization_endpoint,
      body.token_endpoint,
      body.jwks_uri,
    ];
    if (
      typeof authorizationEndpoint !== 'string' ||
      typeof tokenEndpoint !== 'string' ||
      typeof jwksUri !== 'string'
    ) {
      throw new OidcProviderError('The discovery document lacks an endpoint');
    }
    return { authorizationEndpoint, tokenEndpoint, jwksUri };
  }

  private async fetchKeys(jwksUri: string): Promise<JsonWebKey[]> {
    const { status, body } = await this.fetch(jwksUri);
    if (status !== 200 || !Array.isArray(body.keys)) {
      throw new OidcProviderError('The identity provider published no keys');
    }
    return body.keys as JsonWebKey[];
  }

  private fetch(url: string, form?: Record<string, string>) {
    return oidcJson(url, this.config.BTSX_ALLOW_PRIVATE_HOSTS, form);
  }
}
