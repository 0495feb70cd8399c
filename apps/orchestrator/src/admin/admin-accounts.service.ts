import { AdminUserView, InviteAdminResponse } from '@btsx/contracts';
import { AppError, ConflictError } from '@btsx/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, MoreThan } from 'typeorm';
import { OrchestratorConfig } from '../orchestrator.config';
import { AdminUserEntity } from './admin-user.entity';
import { PasswordHasher } from './password-hasher';
import { hashToken, newSecretToken } from './secret-tokens';

/** An invitation is accepted within a week or asked for again. */
const INVITE_TTL_MS = 7 * 24 * 3600_000;

/** The same answer whether the account exists or the password is wrong. */
export class WrongLoginError extends AppError {
  /** The address typed (normalized): for the activity log, never for the response. */
  constructor(readonly email: string) {
    super(401, 'Wrong email or password');
  }
}

/** Who the admins are: the first from the environment, the others invited by an admin. */
@Injectable()
export class AdminAccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Admin');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
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
      .values({ id: randomUUID(), email: normalize(email), passwordHash, createdAt: new Date() })
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

  /** The invitation to hand over, and the invited admin's id (for the activity log). */
  async invite(
    email: string,
    invitedBy: string,
  ): Promise<{ invitation: InviteAdminResponse; adminId: string }> {
    const address = normalize(email);
    const existing = await this.users.findOneBy({ email: address });
    if (existing?.passwordHash) throw new ConflictError(`${address} is already an admin`);
    const inviteToken = newSecretToken('btsx_invite');
    const inviteExpiresAt = new Date(Date.now() + INVITE_TTL_MS);
    const adminId = existing?.id ?? randomUUID();
    await this.users.save({
      id: adminId,
      email: address,
      passwordHash: null,
      inviteHash: hashToken(inviteToken),
      inviteExpiresAt,
      invitedBy,
      createdAt: existing?.createdAt ?? new Date(),
    });
    this.logger.log(`Admin ${address} invited`);
    return {
      invitation: { email: address, inviteToken, expiresAt: inviteExpiresAt.toISOString() },
      adminId,
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

  async list(): Promise<AdminUserView[]> {
    const users = await this.users.find({ order: { email: 'ASC' } });
    return users.map((u) => ({
      email: u.email,
      active: u.passwordHash !== null,
      createdAt: u.createdAt.toISOString(),
    }));
  }
}

function normalize(email: string): string {
  return email.trim().toLowerCase();
}
