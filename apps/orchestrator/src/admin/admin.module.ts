import { Module } from '@nestjs/common';
import { ActivityLogModule } from '../activity';
import { FeatureTables } from '../database/feature-tables';
import { AdminAccountsService } from './admin-accounts.service';
import { AdminAuthGuard } from './admin-auth.guard';
import { AdminIdentity } from './admin-identity';
import { AdminSessionController } from './admin-session.controller';
import { AdminSessionsService } from './admin-sessions.service';
import { AdminTokenEntity } from './admin-token.entity';
import { AdminTokensController } from './admin-tokens.controller';
import { AdminUserEntity } from './admin-user.entity';
import { AdminUsersController } from './admin-users.controller';
import { ApiTokensService } from './api-tokens.service';
import { LoginRateLimitGuard } from './login-rate-limit.guard';
import { CreateAdminTables1767000000000 } from './migrations/1767000000000-create-admin-tables';
import { AddTenantsAndRoles1768600000000 } from './migrations/1768600000000-add-tenants-and-roles';
import { PasswordHasher } from './password-hasher';
import { TenantEntity } from './tenant.entity';
import { TenantsController } from './tenants.controller';
import { TenantsService } from './tenants.service';
import { AdminOidcClient } from './sso/admin-oidc-client';
import { AdminSsoController } from './sso/admin-sso.controller';
import { AdminSsoService } from './sso/admin-sso.service';

export const ADMIN_TABLES: FeatureTables = {
  entities: [AdminUserEntity, AdminTokenEntity, TenantEntity],
  migrations: [CreateAdminTables1767000000000, AddTenantsAndRoles1768600000000],
};

/**
 * Tenants, admins and their roles: sign-in, sessions, API tokens, invitations. A module
 * whose routes are for admins imports this one, guards them with AdminAuthGuard and names
 * each route's role with RequireRole; AdminIdentity finds the admin behind a request
 * where a route is not an admin route (a tenant's job under /api/jobs).
 */
@Module({
  imports: [ActivityLogModule],
  controllers: [
    AdminSessionController,
    AdminUsersController,
    AdminTokensController,
    TenantsController,
    AdminSsoController,
  ],
  providers: [
    PasswordHasher,
    AdminAccountsService,
    AdminSessionsService,
    ApiTokensService,
    TenantsService,
    AdminIdentity,
    AdminAuthGuard,
    LoginRateLimitGuard,
    AdminOidcClient,
    AdminSsoService,
  ],
  exports: [AdminSessionsService, AdminIdentity, AdminAuthGuard, TenantsService],
})
export class AdminModule {}
