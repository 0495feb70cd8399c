/** Long enough that a guess is hopeless once logins are rate-limited. */
export const MIN_ADMIN_PASSWORD_LENGTH = 12;

/**
 * What an admin or an API token may do, each role including the ones before it:
 * viewer reads and downloads reports; operator also starts, pauses, retries and deletes
 * batches; owner also manages admins and tokens (and, without a tenant, tenants).
 */
export const ADMIN_ROLES = ['viewer', 'operator', 'owner'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** True when `have` allows everything `need` allows. */
export function roleAllows(have: AdminRole, need: AdminRole): boolean {
  return ADMIN_ROLES.indexOf(have) >= ADMIN_ROLES.indexOf(need);
}

/** The lesser of two roles: a token never does more than the admin who made it. */
export function lesserRole(a: AdminRole, b: AdminRole): AdminRole {
  return roleAllows(a, b) ? b : a;
}

/** The most a tenant's share of the batch scheduler may be: jobs of all its batches at once. */
export const MAX_TENANT_CONCURRENCY = 10_000;

/** A customer of the MSP: its batches, their jobs and reports, its admins and tokens. */
export interface TenantView {
  id: string;
  name: string;
  /** Jobs of the tenant's batches at once; null: the server's default (`effectiveConcurrency`). */
  concurrency: number | null;
  effectiveConcurrency: number;
  createdAt: string;
}

/**
 * The signed-in admin. `csrfToken` is also in the XSRF-TOKEN cookie: every POST, PUT,
 * PATCH or DELETE of a cookie session sends it back as the X-XSRF-TOKEN header. `tenantId`
 * is null for an MSP admin, who sees every tenant; `tenants` are the ones it may see.
 */
export interface AdminSessionView {
  email: string;
  csrfToken: string;
  role: AdminRole;
  tenantId: string | null;
  tenants: TenantView[];
}

/** The token is shown once; whoever holds it sets the new admin's password. */
export interface InviteAdminResponse {
  id: string;
  email: string;
  role: AdminRole;
  tenantId: string | null;
  inviteToken: string;
  expiresAt: string;
}

export interface AdminUserView {
  id: string;
  email: string;
  role: AdminRole;
  /** null: an MSP admin. */
  tenantId: string | null;
  /** False while an invitation is not yet accepted. */
  active: boolean;
  /** When a pending invitation stops working; null once accepted. */
  inviteExpiresAt: string | null;
  createdAt: string;
}

/** The token is shown once; only its hash is stored. */
export interface ApiTokenCreated {
  id: string;
  name: string;
  role: AdminRole;
  tenantId: string | null;
  expiresAt: string | null;
  token: string;
}

export interface ApiTokenView {
  id: string;
  name: string;
  role: AdminRole;
  /** null: an MSP token, which sees every tenant. */
  tenantId: string | null;
  /** The admin who made it; the token ends with that admin. */
  createdBy: string;
  createdAt: string;
  /** null: until revoked. */
  expiresAt: string | null;
  /** To the minute; null when never used. */
  lastUsedAt: string | null;
}
