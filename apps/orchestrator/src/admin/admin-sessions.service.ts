import { ApiTokenCreated, ApiTokenView } from '@btsx/contracts';
import { NotFoundError } from '@btsx/platform';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrchestratorConfig } from '../orchestrator.config';
import { AdminTokenEntity, AdminTokenKind } from './admin-token.entity';
import { AdminUserEntity } from './admin-user.entity';
import { hashToken, newSecretToken } from './secret-tokens';

/** Who made a request: the admin, and through which door. */
export interface AdminPrincipal {
  adminId: string;
  email: string;
  kind: AdminTokenKind;
  tokenId: string;
  /** The API token's name; null for a session. */
  tokenName: string | null;
  /** The session's CSRF token; null for an API token. */
  csrfToken: string | null;
}

export interface StartedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Sessions and API tokens: random tokens handed out once, found again by their hash. */
@Injectable()
export class AdminSessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
  ) {}

  private get tokens() {
    return this.db.getRepository(AdminTokenEntity);
  }

  async startSession(admin: AdminUserEntity): Promise<StartedSession> {
    const token = newSecretToken('btsx_session');
    const csrfToken = newSecretToken('csrf');
    const expiresAt = new Date(Date.now() + this.config.ADMIN_SESSION_HOURS * 3600_000);
    await this.tokens.insert({
      id: randomUUID(),
      adminId: admin.id,
      kind: 'session',
      name: null,
      tokenHash: hashToken(token),
      csrfToken,
      createdAt: new Date(),
      expiresAt,
    });
    return { token, csrfToken, expiresAt };
  }

  async createApiToken(adminId: string, name: string): Promise<ApiTokenCreated> {
    const token = newSecretToken('btsx_api');
    const id = randomUUID();
    await this.tokens.insert({
      id,
      adminId,
      kind: 'api',
      name,
      tokenHash: hashToken(token),
      csrfToken: null,
      createdAt: new Date(),
      expiresAt: null,
    });
    return { id, name, token };
  }

  /** The principal a token stands for, or null when it is unknown, of the wrong kind or expired. */
  async authenticate(token: string, kind: AdminTokenKind): Promise<AdminPrincipal | null> {
    const row = await this.tokens.findOneBy({ tokenHash: hashToken(token), kind });
    if (!row || (row.expiresAt && row.expiresAt <= new Date())) return null;
    const admin = await this.db.getRepository(AdminUserEntity).findOneBy({ id: row.adminId });
    if (!admin?.passwordHash) return null;
    return {
      adminId: admin.id,
      email: admin.email,
      kind,
      tokenId: row.id,
      tokenName: row.name,
      csrfToken: row.csrfToken,
    };
  }

  async end(tokenId: string): Promise<void> {
    await this.tokens.delete({ id: tokenId });
  }

  async listApiTokens(adminId: string): Promise<ApiTokenView[]> {
    const rows = await this.tokens.find({
      where: { adminId, kind: 'api' },
      order: { createdAt: 'ASC' },
    });
    return rows.map((r) => ({
      id: r.id,
      name: r.name ?? '',
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /** Deletes one of the admin's API tokens; its name, for the activity log. */
  async revokeApiToken(adminId: string, id: string): Promise<string> {
    const result = isUUID(id)
      ? await this.tokens
          .createQueryBuilder()
          .delete()
          .where({ id, adminId, kind: 'api' })
          .returning('name')
          .execute()
      : null;
    const [revoked] = (result?.raw ?? []) as { name: string | null }[];
    if (!revoked) throw new NotFoundError('No such token');
    return revoked.name ?? '';
  }
}
