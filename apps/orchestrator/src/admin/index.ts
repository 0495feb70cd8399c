// The door of admin for other features: a module of admin routes imports AdminModule,
// guards them with AdminAuthGuard and names each route's least role with RequireRole.
export { AdminAuthGuard, CurrentAdmin } from './admin-auth.guard';
export { AdminIdentity } from './admin-identity';
export { PublicAdminRoute, RequireRole } from './admin-roles';
export { listedTenant, seesTenant, targetTenant } from './admin-scope';
export type { TenantScoped } from './admin-scope';
export type { AdminPrincipal } from './admin-sessions.service';
export { AdminModule } from './admin.module';
export { DEFAULT_TENANT_ID } from './tenant.entity';
export { TenantsService } from './tenants.service';
