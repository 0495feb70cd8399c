/**
 * What the activity log records: every admin action, one closed set. (Not the completeness
 * audit, which is about a job's messages.)
 */
export const ACTIVITY_ACTIONS = [
  'admin.signed-in',
  'admin.sign-in-failed',
  'admin.signed-out',
  'admin.invited',
  'admin.invitation-accepted',
  'admin.removed',
  'admin.role-changed',
  'token.created',
  'token.revoked',
  'tenant.created',
  'tenant.changed',
  'tenant.deleted',
  'batch.created',
  'batch.paused',
  'batch.resumed',
  'batch.cancelled',
  'batch.deleted',
  'batch.retried',
  'batch.delta',
  'batch.limits-changed',
  'batch.schedule-set',
  'batch.final-pass',
  'batch.report-downloaded',
] as const;

export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

/** What an action was done to. */
export const ACTIVITY_TARGET_TYPES = ['admin', 'token', 'tenant', 'batch'] as const;
export type ActivityTargetType = (typeof ACTIVITY_TARGET_TYPES)[number];

/** Rows per page of GET /api/admin/activity unless `limit` says otherwise, and the most. */
export const DEFAULT_ACTIVITY_PAGE = 100;
export const MAX_ACTIVITY_PAGE = 500;

/**
 * Who acted, as they were at the time: an admin in a session, or an API token (with the
 * admin it belongs to). `label` is what a page shows: the email, or `token "name"`.
 */
export interface ActivityActorView {
  adminId: string | null;
  email: string | null;
  tokenId: string | null;
  tokenName: string | null;
  label: string;
}

export interface ActivityTargetView {
  type: ActivityTargetType;
  /** Null when there is no id to give (the address typed at a failed sign-in). */
  id: string | null;
  /** The batch's name, the admin's email or the token's name, as it was. */
  label: string;
}

/** One row of the activity log. */
export interface ActivityView {
  /** Increasing with every row; newest first in a page. */
  id: string;
  /** ISO 8601. */
  at: string;
  action: ActivityAction;
  /** Null for a failed sign-in: nobody signed in (the address typed is the target). */
  actor: ActivityActorView | null;
  target: ActivityTargetView | null;
  /** The tenant the action touched; null for the MSP's own or before tenants existed. */
  tenantId: string | null;
  /** The client's address as the gateway saw it (behind trusted proxies, the forwarded one). */
  ip: string;
  userAgent: string | null;
  /** A few facts of the action (counts, limits): never a secret. */
  detail: Record<string, unknown>;
}

export interface ActivityPage {
  items: ActivityView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}
