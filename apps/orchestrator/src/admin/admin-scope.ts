import { AdminRole, roleAllows } from '@btsx/contracts';
import { AppError, NotFoundError } from '@btsx/platform';

export const NO_SUCH_TENANT = 'No such tenant';

/** Whose things an admin may see: its tenant's, or every tenant's (null: an MSP admin). */
export interface TenantScoped {
  tenantId: string | null;
}

/** Whether the admin sees what belongs to this tenant (null: nobody's, seen by MSP admins only). */
export function seesTenant(admin: TenantScoped, tenantId: string | null): boolean {
  return admin.tenantId === null || admin.tenantId === tenantId;
}

/**
 * The tenant a list is narrowed to: a tenant admin's own, whatever it asks for another
 * (404, as if it did not exist); an MSP admin's choice, or undefined for all.
 */
export function listedTenant(admin: TenantScoped, requested?: string): string | undefined {
  if (admin.tenantId === null) return requested;
  if (requested !== undefined && requested !== admin.tenantId) {
    throw new NotFoundError(NO_SUCH_TENANT);
  }
  return admin.tenantId;
}

/**
 * The tenant something new goes into: a tenant admin's own (another one answers 404); the
 * one an MSP admin names, or `mspDefault` when it names none.
 */
export function targetTenant<T extends string | null>(
  admin: TenantScoped,
  requested: string | undefined,
  mspDefault: T,
): string | T {
  if (admin.tenantId === null) return requested ?? mspDefault;
  if (requested !== undefined && requested !== admin.tenantId) {
    throw new NotFoundError(NO_SUCH_TENANT);
  }
  return admin.tenantId;
}

/** 403 unless the admin holds `role` at least: nobody hands out more than it has. */
export function requireGrantable(admin: { role: AdminRole }, role: AdminRole): void {
  if (!roleAllows(admin.role, role)) {
    throw new AppError(403, `You cannot grant the ${role} role: it is above your own`);
  }
}
