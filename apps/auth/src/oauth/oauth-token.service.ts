import { Logger } from '@nestjs/common';
import { Repository } from 'typeorm';
import { CredentialNotFoundError } from '../credentials/credential-errors';
import { Credential } from '../credentials/credential.entity';
import { CredentialVault } from '../credentials/credential-vault';
import { openRefresh, openSecret, sealAccess, sealRefresh } from '../credentials/sealed-tokens';
import { OAuthProviderCatalog } from './oauth-provider-catalog';
import { OAuthTokenClient } from './oauth-token-client';
import { ReauthRequiredError } from './oauth-errors';
import { SingleFlight } from './single-flight';
import { expiryOf, refreshDue, REFRESH_MARGIN_MS } from './token-refresh-policy';

/**
 * Hands out access tokens with at least the refresh margin left, refreshing first when
 * needed. Concurrent resolves of one credential share one refresh (in this process; a
 * second auth replica may refresh too, which costs a request but no correctness: both
 * tokens are valid, and refresh tokens of Google are not rotated).
 */
export class OAuthTokenService {
  private readonly logger = new Logger(OAuthTokenService.name);
  private readonly refreshes = new SingleFlight<string>();

  constructor(
    private readonly credentials: Repository<Credential>,
    private readonly vault: CredentialVault,
    private readonly providers: OAuthProviderCatalog,
    private readonly client: OAuthTokenClient,
    private readonly now: () => number = Date.now,
    private readonly marginMs = REFRESH_MARGIN_MS,
  ) {}

  async accessTokenFor(record: Credential): Promise<string> {
    if (!this.due(record)) return openSecret(this.vault, record);
    return this.refreshes.run(record.id, () => this.refresh(record.id));
  }

  /** Revokes the refresh and access tokens where the provider can; best effort. */
  async revoke(record: Credential): Promise<void> {
    const provider = record.provider ? this.providers.get(record.provider) : undefined;
    if (!provider?.revocationUrl || !provider.client) return;
    const tokens: [string, 'refresh_token' | 'access_token'][] = [];
    try {
      tokens.push([openRefresh(this.vault, record), 'refresh_token']);
      tokens.push([openSecret(this.vault, record), 'access_token']);
    } catch (error) {
      this.logger.warn(`Cannot revoke tokens at ${provider.name}: ${(error as Error).message}`);
    }
    for (const [token, hint] of tokens) await this.client.revoke(provider, token, hint);
    this.logger.log(`Revoked a credential's tokens at ${provider.name}`);
  }

  private due(record: Credential): boolean {
    const { tokenIssuedAt, tokenExpiresAt } = record;
    if (!tokenIssuedAt || !tokenExpiresAt) return true;
    return refreshDue(
      { issuedAt: tokenIssuedAt, expiresAt: tokenExpiresAt },
      this.now(),
      this.marginMs,
    );
  }

  private async refresh(id: string): Promise<string> {
    // Read again: another resolve may have refreshed while this one waited.
    const record = await this.credentials.findOneBy({ id });
    if (!record) throw new CredentialNotFoundError();
    if (!this.due(record)) return openSecret(this.vault, record);
    const provider = record.provider ? this.providers.get(record.provider) : undefined;
    if (!provider?.client) {
      throw new ReauthRequiredError(
        provider?.name ?? record.provider ?? 'OAuth',
        'the provider is no longer configured on this server',
      );
    }
    const issuedAt = this.now();
    const refreshed = await this.client.refresh(provider, openRefresh(this.vault, record));
    const expiresAt = expiryOf(issuedAt, refreshed.expiresIn);
    await this.credentials.update(
      { id },
      {
        ...sealAccess(this.vault, id, refreshed.accessToken),
        ...(refreshed.refreshToken ? sealRefresh(this.vault, id, refreshed.refreshToken) : {}),
        tokenIssuedAt: new Date(issuedAt),
        tokenExpiresAt: expiresAt,
      },
    );
    this.logger.log(
      `Refreshed a ${provider.name} access token (valid until ${expiresAt.toISOString()})`,
    );
    return refreshed.accessToken;
  }
}
