import { ImapEndpoint, ImapLogin, OAuthProviderId } from '@btsx/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, Repository } from 'typeorm';
import { OAuthTokenService } from '../oauth/oauth-token.service';
import { CredentialNotFoundError } from './credential-errors';
import { Credential } from './credential.entity';
import { CredentialVault } from './credential-vault';
import { openSecret, sealAccess, sealRefresh } from './sealed-tokens';

/** What a completed OAuth sign-in leaves to store. */
export interface OAuthGrant extends ImapEndpoint {
  provider: OAuthProviderId;
  accessToken: string;
  refreshToken: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** Stores IMAP logins encrypted and hands them out again; the only door to the table. */
@Injectable()
export class CredentialService {
  private readonly logger = new Logger(CredentialService.name);

  constructor(
    @InjectRepository(Credential) private readonly credentials: Repository<Credential>,
    private readonly vault: CredentialVault,
    private readonly tokens: OAuthTokenService,
  ) {}

  /** Encrypts the password under the current key; returns the new credential id. */
  async store(login: ImapEndpoint & { password: string }): Promise<string> {
    const id = randomUUID();
    const sealed = this.vault.seal(id, login.password);
    await this.credentials.insert({
      id,
      host: login.host,
      port: login.port,
      security: login.security,
      verifyCertificate: login.verifyCertificate,
      username: login.username,
      ...sealed,
    });
    return id;
  }

  /** Seals both tokens; returns the new credential id. */
  async storeOAuth(grant: OAuthGrant): Promise<string> {
    const id = randomUUID();
    await this.credentials.insert({
      id,
      kind: 'oauth',
      provider: grant.provider,
      host: grant.host,
      port: grant.port,
      security: grant.security,
      verifyCertificate: grant.verifyCertificate,
      username: grant.username,
      ...sealAccess(this.vault, id, grant.accessToken),
      ...sealRefresh(this.vault, id, grant.refreshToken),
      tokenIssuedAt: grant.issuedAt,
      tokenExpiresAt: grant.expiresAt,
    });
    return id;
  }

  /**
   * Endpoint plus secret: the password, or an access token with at least the refresh
   * margin left (refreshed first when needed). Marks the credential as used by a job.
   */
  async resolve(id: string): Promise<ImapLogin> {
    const record = await this.find(id);
    const secret =
      record.kind === 'oauth'
        ? { accessToken: await this.tokens.accessTokenFor(record) }
        : { password: openSecret(this.vault, record) };
    if (!record.usedAt) await this.credentials.update({ id }, { usedAt: () => 'now()' });
    return { ...endpointOf(record), ...secret };
  }

  async describe(id: string): Promise<ImapEndpoint> {
    return endpointOf(await this.find(id));
  }

  /**
   * Revokes OAuth tokens at their provider (best effort), then deletes. Deleting what is
   * already gone is fine: job.finished may be redelivered.
   */
  async deleteMany(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    await this.revokeAll(await this.credentials.findBy({ id: In(ids), kind: 'oauth' }));
    const result = await this.credentials.delete({ id: In(ids) });
    return result.affected ?? 0;
  }

  /** Never-used credentials created more than `ttlHours` ago (by the database clock). */
  async purgeUnused(ttlHours: number): Promise<number> {
    const stale = 'used_at IS NULL AND created_at < now() - make_interval(hours => :ttlHours)';
    await this.revokeAll(
      await this.credentials
        .createQueryBuilder()
        .where(stale, { ttlHours })
        .andWhere("kind = 'oauth'")
        .getMany(),
    );
    const result = await this.credentials
      .createQueryBuilder()
      .delete()
      .where('used_at IS NULL')
      .andWhere('created_at < now() - make_interval(hours => :ttlHours)', { ttlHours })
      .execute();
    return result.affected ?? 0;
  }

  private async revokeAll(records: Credential[]): Promise<void> {
    for (const record of records) {
      await this.tokens
        .revoke(record)
        .catch((error: Error) =>
          this.logger.warn(`A credential's revocation failed: ${error.message}`),
        );
    }
  }

  private async find(id: string): Promise<Credential> {
    const record = await this.credentials.findOneBy({ id });
    if (!record) throw new CredentialNotFoundError();
    return record;
  }
}

function endpointOf(record: Credential): ImapEndpoint {
  return {
    host: record.host,
    port: record.port,
    security: record.security,
    verifyCertificate: record.verifyCertificate,
    username: record.username,
    ...(record.provider ? { provider: record.provider } : {}),
  };
}
