import { AdminRole } from '@btsx/contracts';
import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ADMIN_ROUTE = 'btsx:admin-public';
export const ADMIN_ROLE_REQUIREMENT = 'btsx:admin-role';

/** The least role a route needs; `mspOnly`: and no tenant (tenants are the MSP's to manage). */
export interface RoleRequirement {
  role: AdminRole;
  mspOnly: boolean;
}

/**
 * Every admin route says who may call it, checked by AdminAuthGuard (which refuses a route
 * that says nothing): `@RequireRole('operator')`, or `@PublicAdminRoute()`.
 */
export const RequireRole = (role: AdminRole, { mspOnly = false } = {}) =>
  SetMetadata(ADMIN_ROLE_REQUIREMENT, { role, mspOnly } satisfies RoleRequirement);

/** Marks an admin route anyone may call (login, accepting an invitation). */
export const PublicAdminRoute = () => SetMetadata(PUBLIC_ADMIN_ROUTE, true);
