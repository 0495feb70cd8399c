import { Logger } from '@nestjs/common';
import { OAuthProvider } from './oauth-provider-registry';
import { OAuthProviderUnreachableError, ReauthRequiredError, redact } from './oauth-errors';

/** A token endpoint that takes longer is down; the worker's retry asks again later. */
const TOKEN_REQUEST_TIMEOUT_MS = 15_000;
/** Provider error texts are shown to users; keep them to a line. */
const MAX_REASON_CHARS = 200;

export interface RefreshedTokens {
  accessToken: string;
  /** Only when the provider rotated it (Microsoft does; Google does not). */
  refreshToken?: string;
  expiresIn?: number;
}

/**
 * RFC 6749 §6 refresh and RFC 7009 revocation, with client_secret_post (the client
 * authentication both Google and Microsoft accept for web apps).
 */
export class OAuthTokenClient {
  private readonly logger = new Logger(OAuthTokenClient.name);

  constructor(private readonly fetchFn: typeof fetch = fetch) {}

  async refresh(provider: OAuthProvider, refreshToken: string): Promise<RefreshedTokens> {
    const response = await this.post(provider, provider.tokenUrl, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.ok && typeof body.access_token === 'string') {
      return {
        accessToken: body.access_token,
        refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
        expiresIn: typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in),
      };
    }
    const reason = redact(describeError(body, response.status), [refreshToken]);
    // §5.2: invalid_grant means the refresh token is dead; a 4xx with another code is a
    // client misconfiguration that signing in again will not fix, but neither will retrying.
    if (response.status >= 400 && response.status < 500) {
      throw new ReauthRequiredError(provider.name, reason);
    }
    throw new OAuthProviderUnreachableError(
      `${provider.name} could not refresh the token: ${reason}`,
    );
  }

  /** Best effort: logs a failure (without the token) and never throws. */
  async revoke(provider: OAuthProvider, token: string, hint: 'refresh_token' | 'access_token') {
    if (!provider.revocationUrl) return false;
    try {
      const response = await this.post(provider, provider.revocationUrl, {
        token,
        token_type_hint: hint,
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
        this.logger.warn(
          `${provider.name} refused to revoke a ${hint}: ${redact(describeError(body, response.status), [token])}`,
        );
        return false;
      }
      return true;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.logger.warn(`${provider.name} revocation failed: ${redact(text, [token])}`);
      return false;
    }
  }

  private async post(provider: OAuthProvider, url: string, form: Record<string, string>) {
    if (!provider.client) throw new Error(`${provider.name} is not configured`);
    const body = new URLSearchParams({
      ...form,
      client_id: provider.client.id,
      client_secret: provider.client.secret,
    });
    try {
      return await this.fetchFn(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      throw new OAuthProviderUnreachableError(
        `${provider.name} could not be reached: ${redact(text, Object.values(form))}`,
      );
    }
  }
}

function describeError(body: Record<string, unknown>, status: number): string {
  const code = typeof body.error === 'string' ? body.error : `HTTP ${status}`;
  const description = typeof body.error_description === 'string' ? body.error_description : '';
  return (description ? `${description} (${code})` : code).slice(0, MAX_REASON_CHARS);
}
