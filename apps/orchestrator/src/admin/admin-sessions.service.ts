import { AdminRole, lesserRole } from '@btsx/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { OrchestratorConfig } from '../orchestrator.config';
import { AdminTokenEntity, AdminTokenKind } from './admin-token.entity';
import { AdminUserEntity, isActive } from './admin-user.entity';
import { hashToken, newSecretToken } from './secret-tokens';

/** An API token's last use is kept to the minute: no write on every request. */
const LAST_USED_PRECISION_MS = 60_000;

/** Who made a request: the admin, through which door, with which role and tenant. */
export interface AdminPrincipal {
  adminId: string;
  email: string;
  kind: AdminTokenKind;
  tokenId: string;
  /** The API token's name; null for a session. */
  tokenName: string | null;
  /** The session's CSRF token; null for an API token. */
  csrfToken: string | null;
  /** The admin's role; for an API token, the token's (never more than its maker's). */
  role: AdminRole;
  /** null: sees every tenant (an MSP admin, or an MSP token). */
  tenantId: string | null;
}

export interface StartedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Sessions, and finding the admin behind a session or API token by the token's hash. */
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
      role: null,
      tenantId: null,
      lastUsedAt: null,
    });
    return { token, csrfToken, expiresAt };
  }

  /** The principal a token stands for, or null when it is unknown, of the wrong kind or expired. */
  async authenticate(token: string, kind: AdminTokenKind): Promise<AdminPrincipal | null> {
    const row = await this.tokens.findOneBy({ tokenHash: hashToken(token), kind });
    if (!row || (row.expiresAt && row.expiresAt <= new Date())) return null;
    const admin = await this.db.getRepository(AdminUserEntity).findOneBy({ id: row.adminId });
    if (!admin || !isActive(admin)) return null;
    const principal = {
      adminId: admin.id,
      email: admin.email,
      kind,
      tokenId: row.id,
      tokenName: row.name,
      csrfToken: row.csrfToken,
    };
    if (kind === 'session') return { ...principal, role: admin.role, tenantId: admin.tenantId };
    // A tenant admin's token cannot reach past the tenant, whatever its row says.
    if (admin.tenantId !== null && row.tenantId !== admin.tenantId) return null;
    await this.noteUse(row);
    const role = lesserRole(row.role ?? 'viewer', admin.role);
    return { ...principal, role, tenantId: row.tenantId };
  }

  async end(tokenId: string): Promise<void> {
    await this.tokens.delete({ id: tokenId });
  }

  /** After a role change: the admin signs in again, under the new role. */
  async endSessionsOf(adminId: string, tx: EntityManager = this.db.manager): Promise<void> {
    await tx.getRepository(AdminTokenEntity).delete({ adminId, kind: 'session' });
  }

  private async noteUse(row: AdminTokenEntity): Promise<void> {
    const now = new Date();
    if (row.lastUsedAt && now.getTime() - row.lastUsedAt.getTime() < LAST_USED_PRECISION_MS) {
      return;
    }
    await this.tokens.update({ id: row.id }, { lastUsedAt: now });
  }
}
