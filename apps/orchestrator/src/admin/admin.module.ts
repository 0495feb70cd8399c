import { Module } from '@nestjs/common';
import { ActivityLogModule } from '../activity';
import { FeatureTables } from '../database/feature-tables';
import { AdminAccountsService } from './admin-accounts.service';
import { AdminAuthGuard } from './admin-auth.guard';
import { AdminSessionController } from './admin-session.controller';
import { AdminSessionsService } from './admin-sessions.service';
import { AdminTokenEntity } from './admin-token.entity';
import { AdminTokensController } from './admin-tokens.controller';
import { AdminUserEntity } from './admin-user.entity';
import { AdminUsersController } from './admin-users.controller';
import { LoginRateLimitGuard } from './login-rate-limit.guard';
import { CreateAdminTables1767000000000 } from './migrations/1767000000000-create-admin-tables';
import { PasswordHasher } from './password-hasher';

export const ADMIN_TABLES: FeatureTables = {
  entities: [AdminUserEntity, AdminTokenEntity],
  migrations: [CreateAdminTables1767000000000],
};

/**
 * Admins: sign-in, sessions, API tokens, invitations. A module whose routes are for admins
 * imports this one and guards them with AdminAuthGuard, which checks through the sessions.
 */
@Module({
  imports: [ActivityLogModule],
  controllers: [AdminSessionController, AdminUsersController, AdminTokensController],
  providers: [
    PasswordHasher,
    AdminAccountsService,
    AdminSessionsService,
    AdminAuthGuard,
    LoginRateLimitGuard,
  ],
  exports: [AdminSessionsService, AdminAuthGuard],
})
export class AdminModule {}
