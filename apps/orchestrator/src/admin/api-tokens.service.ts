import { ApiTokenCreated, ApiTokenView, CreateApiTokenRequest } from '@btsx/contracts';
import { AppError, NotFoundError } from '@btsx/platform';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { listedTenant, requireGrantable, seesTenant, targetTenant } from './admin-scope';
import { AdminPrincipal } from './admin-sessions.service';
import { AdminTokenEntity } from './admin-token.entity';
import { hashToken, newSecretToken } from './secret-tokens';
import { TenantsService } from './tenants.service';

const NO_SUCH_TOKEN = 'No such token';

interface TokenRow {
  id: string;
  name: string;
  role: ApiTokenView['role'];
  tenantId: string | null;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

/**
 * API tokens for automation: each has a name, a role (never above its maker's), a tenant
 * (its maker's, or one an MSP owner names), an optional expiry and its last use. The token
 * is shown once; only its hash is kept. A token ends with the admin who made it.
 */
@Injectable()
export class ApiTokensService {
  private readonly logger = new Logger('Admin');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tenants: TenantsService,
  ) {}

  async create(maker: AdminPrincipal, request: CreateApiTokenRequest): Promise<ApiTokenCreated> {
    const role = request.role ?? maker.role;
    requireGrantable(maker, role);
    const tenantId = targetTenant(maker, request.tenantId, null);
    if (tenantId !== null) await this.tenants.require(maker, tenantId);
    const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
    if (expiresAt && expiresAt <= new Date()) {
      throw new AppError(400, 'expiresAt must be in the future');
    }
    const token = newSecretToken('btsx_api');
    const id = randomUUID();
    await this.db.getRepository(AdminTokenEntity).insert({
      id,
      adminId: maker.adminId,
      kind: 'api',
      name: request.name,
      tokenHash: hashToken(token),
      csrfToken: null,
      createdAt: new Date(),
      expiresAt,
      role,
      tenantId,
      lastUsedAt: null,
    });
    this.logger.log(`API token ${id} (${role}) created by ${maker.email}`);
    return {
      id,
      name: request.name,
      role,
      tenantId,
      expiresAt: expiresAt?.toISOString() ?? null,
      token,
    };
  }

  /** The tokens of the owner's tenant; an MSP owner's: every one, or one tenant's. */
  async list(owner: AdminPrincipal, tenant?: string): Promise<ApiTokenView[]> {
    const tenantId = listedTenant(owner, tenant);
    const rows: TokenRow[] = await this.db.query(
      `SELECT t.id, t.name, t.role, t.tenant_id AS "tenantId", u.email AS "createdBy",
              t.created_at AS "createdAt", t.expires_at AS "expiresAt",
              t.last_used_at AS "lastUsedAt"
       FROM orchestrator.admin_tokens t JOIN orchestrator.admin_users u ON u.id = t.admin_id
       WHERE t.kind = 'api' AND ($1::uuid IS NULL OR t.tenant_id = $1)
       ORDER BY t.created_at`,
      [tenantId ?? null],
    );
    return rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt?.toISOString() ?? null,
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    }));
  }

  /** Deletes the token; answers its name and tenant, for the activity log. */
  async revoke(
    owner: AdminPrincipal,
    id: string,
  ): Promise<{ name: string; tenantId: string | null }> {
    const tokens = this.db.getRepository(AdminTokenEntity);
    const token = isUUID(id) ? await tokens.findOneBy({ id, kind: 'api' }) : null;
    if (!token || !seesTenant(owner, token.tenantId)) throw new NotFoundError(NO_SUCH_TOKEN);
    await tokens.delete({ id: token.id });
    this.logger.log(`API token ${token.id} revoked by ${owner.email}`);
    return { name: token.name ?? '', tenantId: token.tenantId };
  }
}
