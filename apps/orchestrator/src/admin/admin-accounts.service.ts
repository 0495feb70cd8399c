import { AdminRole, AdminUserView, InviteAdminRequest, InviteAdminResponse } from '@btsx/contracts';
import { AppError, ConflictError, NotFoundError } from '@btsx/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource, MoreThan } from 'typeorm';
import { OrchestratorConfig } from '../orchestrator.config';
import { listedTenant, requireGrantable, seesTenant, targetTenant } from './admin-scope';
import { AdminPrincipal, AdminSessionsService } from './admin-sessions.service';
import { AdminUserEntity, isActive } from './admin-user.entity';
import { PasswordHasher } from './password-hasher';
import { hashToken, newSecretToken } from './secret-tokens';
import { TenantsService } from './tenants.service';

/** An invitation is accepted within a week or asked for again. */
const INVITE_TTL_MS = 7 * 24 * 3600_000;

/** The same answer whether the account exists or the password is wrong. */
export class WrongLoginError extends AppError {
  /** The address typed (normalized): for the activity log, never for the response. */
  constructor(readonly email: string) {
    super(401, 'Wrong email or password');
  }
}

const NO_SUCH_ADMIN = 'No such admin';

/** An admin signed in through single sign-on, and what the sign-in changed about it. */
export interface SsoAdmin {
  admin: AdminUserEntity;
  created: boolean;
  /** Its role or tenant changed: its other sessions were ended. */
  changed: boolean;
}

/**
 * Who the admins are: the first from the environment (an owner without a tenant: the
 * MSP's), the others invited by an owner, into its tenant or, by an MSP owner, any.
 */
@Injectable()
export class AdminAccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Admin');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly sessions: AdminSessionsService,
    private readonly tenants: TenantsService,
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
  ) {}

  private get users() {
    return this.db.getRepository(AdminUserEntity);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { BTSX_ADMIN_EMAIL: email, BTSX_ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) return;
    const passwordHash = await this.hasher.hash(password);
    // ON CONFLICT: several replicas booting at once create the first admin once.
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .values({
        id: randomUUID(),
        email: normalize(email),
        passwordHash,
        role: 'owner',
        tenantId: null,
        createdAt: new Date(),
      })
      .orIgnore()
      .execute();
    if (result.identifiers.length > 0) this.logger.log(`Created the first admin ${email}`);
  }

  /** The admin behind these credentials, or a 401 that does not say which part was wrong. */
  async login(email: string, password: string): Promise<AdminUserEntity> {
    const address = normalize(email);
    const user = await this.users.findOneBy({ email: address });
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) throw new WrongLoginError(address);
    return user;
  }

  /**
   * The admin the identity provider vouched for, created at its first sign-in; its role and
   * tenant follow the provider's claims at every sign-in, and a change ends its sessions as
   * an owner's role change does. A pending invitation is settled: the provider's word now
   * stands for the password.
   */
  async fromSso(email: string, role: AdminRole, tenantId: string | null): Promise<SsoAdmin> {
    const address = normalize(email);
    return this.db.transaction(async (tx) => {
      const users = tx.getRepository(AdminUserEntity);
      // ON CONFLICT: two first sign-ins at once create the admin once.
      const id = randomUUID();
      await users
        .createQueryBuilder()
        .insert()
        .values({ id, email: address, passwordHash: null, role, tenantId, createdAt: new Date() })
        .orIgnore()
        .execute();
      const admin = await users.findOneOrFail({
        where: { email: address },
        lock: { mode: 'pessimistic_write' },
      });
      const created = admin.id === id;
      const changed = !created && (admin.role !== role || admin.tenantId !== tenantId);
      if (changed) await this.sessions.endSessionsOf(admin.id, tx);
      Object.assign(admin, { role, tenantId, inviteHash: null, inviteExpiresAt: null });
      await users.save(admin);
      if (created) this.logger.log(`Admin ${address} created by single sign-on as ${role}`);
      return { admin, created, changed };
    });
  }

  /**
   * A single-use invitation with a role and a tenant (the inviter's when it names none).
   * Inviting an address again replaces its pending invitation.
   */
  async invite(inviter: AdminPrincipal, request: InviteAdminRequest): Promise<InviteAdminResponse> {
    requireGrantable(inviter, request.role);
    const tenantId = targetTenant(inviter, request.tenantId, null);
    if (tenantId !== null) await this.tenants.require(inviter, tenantId);
    const address = normalize(request.email);
    const existing = await this.users.findOneBy({ email: address });
    if (existing && (isActive(existing) || !seesTenant(inviter, existing.tenantId))) {
      throw new ConflictError(`${address} is already an admin`);
    }
    const inviteToken = newSecretToken('btsx_invite');
    const inviteExpiresAt = new Date(Date.now() + INVITE_TTL_MS);
    const user = await this.users.save({
      id: existing?.id ?? randomUUID(),
      email: address,
      passwordHash: null,
      role: request.role,
      tenantId,
      inviteHash: hashToken(inviteToken),
      inviteExpiresAt,
      invitedBy: inviter.adminId,
      createdAt: existing?.createdAt ?? new Date(),
    });
    this.logger.log(`Admin ${address} invited as ${request.role}`);
    return {
      id: user.id,
      email: address,
      role: request.role,
      tenantId,
      inviteToken,
      expiresAt: inviteExpiresAt.toISOString(),
    };
  }

  /** Sets the invited admin's password; the invitation works once. */
  async acceptInvite(token: string, password: string): Promise<AdminUserEntity> {
    const user = await this.users.findOneBy({
      inviteHash: hashToken(token),
      inviteExpiresAt: MoreThan(new Date()),
    });
    if (!user) throw new AppError(400, 'This invitation is unknown, used or expired');
    user.passwordHash = await this.hasher.hash(password);
    user.inviteHash = null;
    user.inviteExpiresAt = null;
    await this.users.save(user);
    this.logger.log(`Admin ${user.email} accepted the invitation`);
    return user;
  }

  /** The admins the owner sees: its tenant's; an MSP owner's, every one or one tenant's. */
  async list(owner: AdminPrincipal, tenant?: string): Promise<AdminUserView[]> {
    const tenantId = listedTenant(owner, tenant);
    const users = await this.users.find({
      where: tenantId === undefined ? {} : { tenantId },
      order: { email: 'ASC' },
    });
    return users.map(toView);
  }

  /** A new role; the admin's open sessions end, so it works under the new one at once. */
  async changeRole(owner: AdminPrincipal, id: string, role: AdminRole): Promise<AdminUserView> {
    const user = await this.other(owner, id);
    requireGrantable(owner, role);
    user.role = role;
    await this.db.transaction(async (tx) => {
      await tx.getRepository(AdminUserEntity).update({ id: user.id }, { role });
      await this.sessions.endSessionsOf(user.id, tx);
    });
    this.logger.log(`Admin ${user.email} is now ${role}`);
    return toView(user);
  }

  /** Removes an admin or a pending invitation; its sessions and API tokens end with it. */
  async remove(owner: AdminPrincipal, id: string): Promise<AdminUserView> {
    const user = await this.other(owner, id);
    await this.users.delete({ id: user.id });
    this.logger.log(`Admin ${user.email} removed`);
    return toView(user);
  }

  /** Another admin the owner sees (404 otherwise); nobody changes or removes itself. */
  private async other(owner: AdminPrincipal, id: string): Promise<AdminUserEntity> {
    const user = isUUID(id) ? await this.users.findOneBy({ id }) : null;
    if (!user || !seesTenant(owner, user.tenantId)) throw new NotFoundError(NO_SUCH_ADMIN);
    if (user.id === owner.adminId) {
      throw new AppError(400, 'Ask another owner to change or remove your own account');
    }
    return user;
  }
}

function toView(user: AdminUserEntity): AdminUserView {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    tenantId: user.tenantId,
    active: isActive(user),
    inviteExpiresAt: user.inviteExpiresAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

function normalize(email: string): string {
  return email.trim().toLowerCase();
}
