import {
  AccountSide,
  ClaimedAccounts,
  CredentialClaimRequest,
  CredentialCopyRequest,
  CredentialDescribeRequest,
  CredentialHoldRequest,
  CredentialOwner,
  CredentialResolveRequest,
  ImapEndpoint,
  HeldAccounts,
  ImapLogin,
  OAuthProviderId,
} from '@btsx/contracts';
import { secretDigest } from '@btsx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, FindOptionsWhere, In, IsNull, Repository } from 'typeorm';
import { OAuthTokenService } from '../oauth/oauth-token.service';
import {
  CredentialNotFoundError,
  OAuthNotHoldableError,
  TokenNotClaimableError,
} from './credential-errors';
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

/** A login with its password, as a sign-in or a batch's CSV gives it. */
type SecretLogin = ImapEndpoint & { password: string };

/** 256 random bits: a token cannot be guessed, only stolen, and only its hash is stored. */
const TOKEN_BYTES = 32;

/** Stores IMAP logins encrypted and hands them out again; the only door to the table. */
@Injectable()
export class CredentialService {
  private readonly logger = new Logger(CredentialService.name);

  constructor(
    @InjectRepository(Credential) private readonly credentials: Repository<Credential>,
    private readonly vault: CredentialVault,
    private readonly tokens: OAuthTokenService,
  ) {}

  /**
   * Seals a login that just signed in for `side`, given to the session with this digest;
   * answers the token that session claims it with (only its hash is kept).
   */
  async issue(login: SecretLogin, side: AccountSide, session: string): Promise<string> {
    return this.issueSealed(login, side, session, (id) => this.vault.seal(id, login.password));
  }

  /** As issue, for an OAuth sign-in: both tokens sealed. */
  async issueOAuth(grant: OAuthGrant, side: AccountSide, session: string): Promise<string> {
    return this.issueSealed(grant, side, session, (id) => ({
      kind: 'oauth' as const,
      provider: grant.provider,
      ...sealAccess(this.vault, id, grant.accessToken),
      ...sealRefresh(this.vault, id, grant.refreshToken),
      tokenIssuedAt: grant.issuedAt,
      tokenExpiresAt: grant.expiresAt,
    }));
  }

  /** Seals a batch's login, held under its id until the batch discards it. */
  async store(login: SecretLogin): Promise<string> {
    const id = randomUUID();
    await this.credentials.insert({
      id,
      ...endpointColumns(login),
      ...this.vault.seal(id, login.password),
      usedAt: () => 'now()',
    });
    return id;
  }

  /** Where a token signs in to, if its session could claim it for `side` now. */
  async describeToken(request: CredentialDescribeRequest): Promise<ImapEndpoint> {
    return endpointOf(await this.claimable(request));
  }

  /**
   * The login a token signs in with, secret included, if its session could claim it for
   * `side` now; the token stays unclaimed, for the job a plan's preview comes before.
   */
  async lend(request: CredentialDescribeRequest): Promise<ImapLogin> {
    return this.open(await this.claimable(request));
  }

  private async claimable(request: CredentialDescribeRequest): Promise<Credential> {
    const record = await this.credentials.findOneBy(unclaimed(request.token, request));
    if (!record) throw new TokenNotClaimableError(request.side);
    return record;
  }

  /** Both tokens become the owner's logins, or neither does. */
  claim(request: CredentialClaimRequest): Promise<ClaimedAccounts> {
    return this.credentials.manager.transaction(async (tx) => ({
      source: endpointOf(await claimOne(tx, request, 'source', request.owner)),
      destination: endpointOf(await claimOne(tx, request, 'destination', request.owner)),
    }));
  }

  /**
   * Both tokens become held logins (a schedule's), or neither does: no owner, no token, and
   * marked used so the purge of unused credentials leaves them until they are discarded.
   */
  hold(request: CredentialHoldRequest): Promise<HeldAccounts> {
    return this.credentials.manager.transaction(async (tx) => {
      const source = await claimOne(tx, request, 'source', null);
      const destination = await claimOne(tx, request, 'destination', null);
      return {
        source: endpointOf(source),
        destination: endpointOf(destination),
        heldIds: { source: source.id, destination: destination.id },
      };
    });
  }

  /** Fresh copies of two held logins, as the owner's. */
  async copyHeld(request: CredentialCopyRequest): Promise<ClaimedAccounts> {
    const copy = async (heldId: string, side: AccountSide) => {
      const login = await this.open(await this.find({ id: heldId }));
      if (login.password === undefined) throw new Error('Only password credentials are held');
      const id = randomUUID();
      await this.credentials.insert({
        id,
        side,
        owner: request.owner,
        ...endpointColumns(login),
        ...this.vault.seal(id, login.password),
      });
      return endpointOf(login);
    };
    return {
      source: await copy(request.source, 'source'),
      destination: await copy(request.destination, 'destination'),
    };
  }

  /**
   * Endpoint plus secret of the owner's login for `side`: the password, or an access token
   * with at least the refresh margin left (refreshed first when needed). Marks it used.
   */
  async resolve(request: CredentialResolveRequest): Promise<ImapLogin> {
    const record = await this.find({ owner: request.owner, side: request.side });
    const login = await this.open(record);
    if (!record.usedAt) await this.credentials.update({ id: record.id }, { usedAt: () => 'now()' });
    return login;
  }

  /** Purges everything the owner claimed (its job or audit ended). */
  async deleteOwnedBy(owner: CredentialOwner): Promise<number> {
    return this.deleteWhere({ owner });
  }

  /** Purges held logins by id (a batch cancelled or deleted). */
  async deleteHeld(ids: string[]): Promise<number> {
    return ids.length === 0 ? 0 : this.deleteWhere({ id: In(ids), owner: IsNull() });
  }

  /**
   * Revokes OAuth tokens at their provider (best effort), then deletes. Deleting what is
   * already gone is fine: job.finished may be redelivered.
   */
  private async deleteWhere(where: FindOptionsWhere<Credential>): Promise<number> {
    await this.revokeAll(await this.credentials.findBy({ ...where, kind: 'oauth' }));
    const result = await this.credentials.delete(where);
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

  private async issueSealed(
    login: ImapEndpoint,
    side: AccountSide,
    session: string,
    seal: (id: string) => Partial<Credential>,
  ): Promise<string> {
    const id = randomUUID();
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    await this.credentials.insert({
      id,
      side,
      tokenHash: secretDigest(token),
      sessionHash: session,
      ...endpointColumns(login),
      ...seal(id),
    });
    return token;
  }

  private async open(record: Credential): Promise<ImapLogin> {
    const secret =
      record.kind === 'oauth'
        ? { accessToken: await this.tokens.accessTokenFor(record) }
        : { password: openSecret(this.vault, record) };
    return { ...endpointOf(record), ...secret };
  }

  private async find(where: FindOptionsWhere<Credential>): Promise<Credential> {
    const record = await this.credentials.findOneBy(where);
    if (!record) throw new CredentialNotFoundError();
    return record;
  }
}

/** Where a token's record is while its session may still claim it for the side. */
function unclaimed(token: string, by: { side: AccountSide; session: string }) {
  return { tokenHash: secretDigest(token), side: by.side, sessionHash: by.session };
}

/**
 * A token's record made the owner's, or held (owner null) for a schedule: held ones are
 * copied per pass, which an OAuth login's single refresh token does not allow.
 */
async function claimOne(
  tx: EntityManager,
  request: CredentialHoldRequest,
  side: AccountSide,
  owner: CredentialOwner | null,
): Promise<Credential> {
  const repository = tx.getRepository(Credential);
  const record = await repository.findOne({
    where: unclaimed(request[side], { side, session: request.session }),
    lock: { mode: 'pessimistic_write' },
  });
  if (!record) throw new TokenNotClaimableError(side);
  if (owner === null && record.kind !== 'password') throw new OAuthNotHoldableError(side);
  const held = owner === null ? { usedAt: () => 'now()' } : {};
  await repository.update({ id: record.id }, { owner, tokenHash: null, ...held });
  return record;
}

function endpointColumns(login: ImapEndpoint): Partial<Credential> {
  return {
    host: login.host,
    port: login.port,
    security: login.security,
    verifyCertificate: login.verifyCertificate,
    username: login.username,
  };
}

function endpointOf(
  record: Omit<ImapEndpoint, 'provider'> & { provider?: OAuthProviderId | null },
): ImapEndpoint {
  return {
    host: record.host,
    port: record.port,
    security: record.security,
    verifyCertificate: record.verifyCertificate,
    username: record.username,
    ...(record.provider ? { provider: record.provider } : {}),
  };
}
