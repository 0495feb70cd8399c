import { AdminAccountsService } from './admin-accounts.service';
import { AdminAuthGuard } from './admin-auth.guard';
import { AdminSessionController } from './admin-session.controller';
import { AdminSessionsService } from './admin-sessions.service';
import { AdminTokensController } from './admin-tokens.controller';
import { AdminTokenEntity } from './admin-token.entity';
import { AdminUserEntity } from './admin-user.entity';
import { AdminUsersController } from './admin-users.controller';
import { LoginRateLimitGuard } from './login-rate-limit.guard';
import { CreateAdminTables1767000000000 } from './migrations/1767000000000-create-admin-tables';
import { PasswordHasher } from './password-hasher';

export { AdminAuthGuard, CurrentAdmin } from './admin-auth.guard';
export type { AdminPrincipal } from './admin-sessions.service';

export const ADMIN_ENTITIES = [AdminUserEntity, AdminTokenEntity];
export const ADMIN_MIGRATIONS = [CreateAdminTables1767000000000];
export const ADMIN_CONTROLLERS = [
  AdminSessionController,
  AdminUsersController,
  AdminTokensController,
];
export const ADMIN_PROVIDERS = [
  PasswordHasher,
  AdminAccountsService,
  AdminSessionsService,
  AdminAuthGuard,
  LoginRateLimitGuard,
];
