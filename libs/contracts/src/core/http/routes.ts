import type { ActivityFilter, ActivityQuery } from '../../http/activity-requests';
import type {
  AcceptInviteRequest,
  AdminLoginRequest,
  ChangeAdminRoleRequest,
  CreateApiTokenRequest,
  CreateTenantRequest,
  InviteAdminRequest,
  TenantFilterQuery,
  UpdateTenantRequest,
} from '../../http/admin-requests';
import type {
  BatchItemsQuery,
  BatchLimitsRequest,
  BatchScheduleRequest,
  ImportBatchQuery,
} from '../../http/batch-requests';
import type { VerifyImapRequest } from '../../http/imap-verify-request';
import type { CreateScheduleRequest } from '../../http/schedule-requests';
import type {
  CreateJobRequest,
  RestartJobRequest,
  VerifyJobRequest,
} from '../../http/job-requests';
import type { OAuthProviderId, OAuthProviderInfo, OAuthStartQuery } from '../oauth/oauth-provider';
import type {
  AdminSessionView,
  AdminUserView,
  ApiTokenCreated,
  ApiTokenView,
  InviteAdminResponse,
  TenantView,
} from './admin';
import type { AdminSsoInfo } from './admin-sso';
import type {
  BatchAction,
  BatchActionResponse,
  BatchItemView,
  BatchView,
  FailedMessageView,
  FailureGroupView,
  ImportBatchResponse,
  ThroughputSample,
} from './batches';
import type { ActivityPage } from './activity';
import type { VerifyImapResponse } from './imap-verify';
import type { AuditReport, CreateJobResponse, JobView, RestartJobResponse } from './jobs';
import type { PlanView } from './plans';
import type { CreateScheduleResponse, ScheduleView } from './schedules';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route carries besides its address: its body, its query string and its answer. */
export interface RouteTypes {
  body?: unknown;
  query?: unknown;
  response: unknown;
}

/**
 * One route of the public API. Clients keep their own transport (fetch, Angular's
 * HttpClient) and take the method, the path and the types from here.
 */
export interface ApiRoute<
  Params extends string[] = string[],
  Types extends RouteTypes = RouteTypes,
> {
  readonly method: HttpMethod;
  /** The path below the server's address, every parameter URI-encoded; no query string. */
  readonly path: (...params: Params) => string;
  /** Never set: names the route's body, query and answer for the compiler. */
  readonly types?: Types;
}

/** Any route of the table, for a client's one generic call. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a path builder of any parameters
export type AnyApiRoute = ApiRoute<any, RouteTypes>;
type TypesOf<R extends AnyApiRoute> = NonNullable<R['types']>;

/** The JSON a route answers (a string for CSV and the event stream, void for 204). */
export type RouteResponse<R extends AnyApiRoute> = TypesOf<R>['response'];
/** The body a route takes; undefined for a route without one. */
export type RouteBody<R extends AnyApiRoute> = TypesOf<R> extends { body: infer B } ? B : undefined;
/** The query string a route takes, as an object; undefined for a route without one. */
export type RouteQuery<R extends AnyApiRoute> =
  TypesOf<R> extends { query: infer Q } ? Q : undefined;
/** The parameters of a route's path builder. */
export type RouteParams<R extends AnyApiRoute> = Parameters<R['path']>;

/** `route<Types>()(method, path)`: the types are named, the path's parameters inferred. */
function route<Types extends RouteTypes>() {
  return <Params extends string[]>(
    method: HttpMethod,
    path: (...params: Params) => string,
  ): ApiRoute<Params, Types> => ({ method, path });
}

const jobPath = (id: string) => `/api/jobs/${encodeURIComponent(id)}`;
const schedulePath = (id: string) => `/api/schedules/${encodeURIComponent(id)}`;
const batchPath = (id: string) => `/api/admin/batches/${encodeURIComponent(id)}`;

/**
 * Every route of the public REST API that a client calls, as the gateway serves it: auth's
 * under /api/auth, the orchestrator's under the rest of /api. The admin routes take the
 * session cookie (with X-XSRF-TOKEN on writes) or a bearer API token.
 */
export const API_ROUTES = {
  /** Logs in to the account once and seals its password; the credential's id. */
  verifyImap: route<{ body: VerifyImapRequest; response: VerifyImapResponse }>()(
    'POST',
    () => '/api/auth/imap/verify',
  ),
  oauthProviders: route<{ response: OAuthProviderInfo[] }>()(
    'GET',
    () => '/api/auth/oauth/providers',
  ),
  /**
   * A page the browser goes to, never fetched: it redirects to the provider's sign-in, which
   * comes back to `returnTo` with a fragment (parseOAuthFragment reads it).
   */
  oauthStart: route<{ query: OAuthStartQuery; response: never }>()(
    'GET',
    (provider: OAuthProviderId) => `/api/auth/oauth/${encodeURIComponent(provider)}/start`,
  ),

  createJob: route<{ body: CreateJobRequest; response: CreateJobResponse }>()(
    'POST',
    () => '/api/jobs',
  ),
  /**
   * What a job of these accounts and options would do (PlanView), without writing to either
   * account and without using up the credential tokens, which the job then claims.
   */
  planJob: route<{ body: CreateJobRequest; response: PlanView }>()('POST', () => '/api/plans'),
  getJob: route<{ response: JobView }>()('GET', jobPath),
  /** The job as it is right after the cancel. */
  cancelJob: route<{ response: JobView }>()('POST', (id: string) => `${jobPath(id)}/cancel`),
  /** Runs a finished job again as a new job (Replace Existing on); the new job's id. */
  restartJob: route<{ body: RestartJobRequest; response: RestartJobResponse }>()(
    'POST',
    (id: string) => `${jobPath(id)}/restart`,
  ),
  /** The completeness audit again; the job, its new audit running. */
  verifyJob: route<{ body: VerifyJobRequest; response: JobView }>()(
    'POST',
    (id: string) => `${jobPath(id)}/verify`,
  ),
  /** 204; 409 while the job runs. */
  deleteJob: route<{ response: void }>()('DELETE', jobPath),
  /**
   * Server-Sent Events: `status` a JobStatusLine, `progress` a JobProgressEvent, `end` the
   * final JobView. A finished job's stream replays its status lines and ends.
   */
  jobEvents: route<{ response: string }>()('GET', (id: string) => `${jobPath(id)}/events`),
  /** Every finding of the job's latest audit as CSV; 409 while it runs or when it failed. */
  auditReportCsv: route<{ response: string }>()(
    'GET',
    (id: string) => `${jobPath(id)}/audit/report.csv`,
  ),
  /** The same rows as an AuditReport. */
  auditReportJson: route<{ response: AuditReport }>()(
    'GET',
    (id: string) => `${jobPath(id)}/audit/report.json`,
  ),

  /**
   * A job at a given time, then delta passes every N hours until the final pass; the
   * accounts' tokens become held credentials (passwords only: 400 for an OAuth account).
   */
  createSchedule: route<{ body: CreateScheduleRequest; response: CreateScheduleResponse }>()(
    'POST',
    () => '/api/schedules',
  ),
  getSchedule: route<{ response: ScheduleView }>()('GET', schedulePath),
  /** One last delta pass once the current one ended (or now), then the schedule ends. */
  finalPass: route<{ response: ScheduleView }>()(
    'POST',
    (id: string) => `${schedulePath(id)}/final`,
  ),
  /** Stops the schedule and its running pass; its held credentials are discarded. */
  cancelSchedule: route<{ response: ScheduleView }>()(
    'POST',
    (id: string) => `${schedulePath(id)}/cancel`,
  ),

  /** Sets the session cookie and the XSRF-TOKEN cookie. */
  adminLogin: route<{ body: AdminLoginRequest; response: AdminSessionView }>()(
    'POST',
    () => '/api/admin/login',
  ),
  /** Whether single sign-on is on, and its button's label. */
  adminSso: route<{ response: AdminSsoInfo }>()('GET', () => '/api/admin/sso'),
  /**
   * A page the browser goes to, never fetched: it redirects to the identity provider, which
   * comes back to the callback; that sets the session cookies and redirects to /admin, or
   * to the login page with `?sso_error=<code>` (ADMIN_SSO_ERRORS).
   */
  adminSsoStart: route<{ response: never }>()('GET', () => '/api/admin/sso/start'),
  adminLogout: route<{ response: void }>()('POST', () => '/api/admin/logout'),
  /** The signed-in admin, its role, its tenant and the tenants it sees; 401 when nobody is. */
  adminMe: route<{ response: AdminSessionView }>()('GET', () => '/api/admin/me'),
  /** Owners: the admins of their tenant (an MSP owner: all, or one tenant's). */
  adminUsers: route<{ query: TenantFilterQuery; response: AdminUserView[] }>()(
    'GET',
    () => '/api/admin/users',
  ),
  /** Owners: a new role; the admin's open sessions end. */
  changeAdminRole: route<{ body: ChangeAdminRoleRequest; response: AdminUserView }>()(
    'PATCH',
    (id: string) => `/api/admin/users/${encodeURIComponent(id)}`,
  ),
  /** Owners: removes an admin (or a pending invitation), its sessions and its tokens. */
  removeAdmin: route<{ response: void }>()(
    'DELETE',
    (id: string) => `/api/admin/users/${encodeURIComponent(id)}`,
  ),
  /** The tenants the admin sees (an MSP admin: all). */
  tenants: route<{ response: TenantView[] }>()('GET', () => '/api/admin/tenants'),
  /** MSP owners. */
  createTenant: route<{ body: CreateTenantRequest; response: TenantView }>()(
    'POST',
    () => '/api/admin/tenants',
  ),
  /** MSP owners: a new name or share of the scheduler. */
  updateTenant: route<{ body: UpdateTenantRequest; response: TenantView }>()(
    'PATCH',
    (id: string) => `/api/admin/tenants/${encodeURIComponent(id)}`,
  ),
  /** MSP owners; 409 while it has batches or running jobs. */
  deleteTenant: route<{ response: void }>()(
    'DELETE',
    (id: string) => `/api/admin/tenants/${encodeURIComponent(id)}`,
  ),
  inviteAdmin: route<{ body: InviteAdminRequest; response: InviteAdminResponse }>()(
    'POST',
    () => '/api/admin/invitations',
  ),
  /** No sign-in needed: the invitation's token is the proof. */
  acceptInvite: route<{ body: AcceptInviteRequest; response: void }>()(
    'POST',
    () => '/api/admin/invitations/accept',
  ),
  /** Owners: the tokens of their tenant (an MSP owner: all, or one tenant's). */
  apiTokens: route<{ query: TenantFilterQuery; response: ApiTokenView[] }>()(
    'GET',
    () => '/api/admin/tokens',
  ),
  /** A bearer token for automation (the CLI's BTSX_ADMIN_TOKEN), shown once. */
  createApiToken: route<{ body: CreateApiTokenRequest; response: ApiTokenCreated }>()(
    'POST',
    () => '/api/admin/tokens',
  ),
  revokeApiToken: route<{ response: void }>()(
    'DELETE',
    (id: string) => `/api/admin/tokens/${encodeURIComponent(id)}`,
  ),
  /** Who did what, newest first, a page at a time (`before`: the last page's nextCursor). */
  activity: route<{ query: ActivityQuery; response: ActivityPage }>()(
    'GET',
    () => '/api/admin/activity',
  ),
  /** Every row the filter matches as CSV, newest first. */
  activityCsv: route<{ query: ActivityFilter; response: string }>()(
    'GET',
    () => '/api/admin/activity.csv',
  ),

  /** The CSV as a text/csv body; all rows or none (a 400 names each bad line). */
  importBatch: route<{ body: string; query: ImportBatchQuery; response: ImportBatchResponse }>()(
    'POST',
    () => '/api/admin/batches',
  ),
  /** Every batch the admin sees with its totals, newest first. */
  batches: route<{ query: TenantFilterQuery; response: BatchView[] }>()(
    'GET',
    () => '/api/admin/batches',
  ),
  batch: route<{ response: BatchView }>()('GET', batchPath),
  batchItems: route<{ query: BatchItemsQuery; response: BatchItemView[] }>()(
    'GET',
    (id: string) => `${batchPath(id)}/items`,
  ),
  batchFailureReasons: route<{ response: FailureGroupView[] }>()(
    'GET',
    (id: string) => `${batchPath(id)}/failure-reasons`,
  ),
  batchThroughput: route<{ response: ThroughputSample[] }>()(
    'GET',
    (id: string) => `${batchPath(id)}/throughput`,
  ),
  batchFailedMessages: route<{ response: FailedMessageView[] }>()(
    'GET',
    (id: string) => `${batchPath(id)}/failed-messages`,
  ),
  batchFailedMessagesCsv: route<{ response: string }>()(
    'GET',
    (id: string) => `${batchPath(id)}/failed-messages.csv`,
  ),
  /** One CSV row per job: counts, bytes, duration, audit. */
  batchReportCsv: route<{ response: string }>()(
    'GET',
    (id: string) => `${batchPath(id)}/report.csv`,
  ),
  batchAction: route<{ response: BatchActionResponse }>()(
    'POST',
    (id: string, action: BatchAction) => `${batchPath(id)}/${action}`,
  ),
  setBatchLimits: route<{ body: BatchLimitsRequest; response: BatchActionResponse }>()(
    'PUT',
    (id: string) => `${batchPath(id)}/limits`,
  ),
  /** A schedule of delta passes for a batch that has none; the batch as it is then. */
  setBatchSchedule: route<{ body: BatchScheduleRequest; response: BatchView }>()(
    'PUT',
    (id: string) => `${batchPath(id)}/schedule`,
  ),
  /** 204: a batch with nothing running, and its held credentials. */
  deleteBatch: route<{ response: void }>()('DELETE', batchPath),
} as const;
