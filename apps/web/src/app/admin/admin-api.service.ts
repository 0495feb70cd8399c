import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ActivityFilter,
  ActivityQuery,
  BatchItemsQuery,
  BatchScheduleFields,
  CreateApiTokenRequest,
  CreateTenantRequest,
  ImportBatchQuery,
  InviteAdminRequest,
  UpdateTenantRequest,
} from '@btsx/contracts';
import {
  API_ROUTES,
  type ActivityPage,
  type AdminRole,
  type AdminSessionView,
  type AdminSsoInfo,
  type AdminUserView,
  type ApiTokenCreated,
  type ApiTokenView,
  type BatchAction,
  type BatchActionResponse,
  type BatchItemView,
  type BatchView,
  type FailureGroupView,
  type ImportBatchResponse,
  type InviteAdminResponse,
  type TenantView,
  type ThroughputSample,
} from '@btsx/contracts/core';
import { callApi } from '../shared/api/call-api';

/**
 * What the import form sends: every limit, the name possibly empty, notifications and a
 * schedule if any.
 */
export type ImportSettings = Required<
  Pick<ImportBatchQuery, 'name' | 'concurrency' | 'perHostLimit'>
> &
  Pick<ImportBatchQuery, 'notifyEmail' | 'notifyWebhook' | 'tenant'> &
  BatchScheduleFields;

/**
 * The admin API. The session is an httpOnly cookie; HttpClient echoes the XSRF-TOKEN cookie
 * as X-XSRF-TOKEN on every POST, PUT and DELETE (Angular's built-in XSRF protection).
 */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  login(email: string, password: string): Promise<AdminSessionView> {
    return callApi(this.http, API_ROUTES.adminLogin, [], { body: { email, password } });
  }

  /** Whether single sign-on is on; its button then starts at API_ROUTES.adminSsoStart. */
  sso(): Promise<AdminSsoInfo> {
    return callApi(this.http, API_ROUTES.adminSso, []);
  }

  logout(): Promise<void> {
    return callApi(this.http, API_ROUTES.adminLogout, []);
  }

  me(): Promise<AdminSessionView> {
    return callApi(this.http, API_ROUTES.adminMe, []);
  }

  /** `tenant`: one tenant's batches (an MSP admin's switcher); absent: all the admin sees. */
  batches(tenant?: string): Promise<BatchView[]> {
    return callApi(this.http, API_ROUTES.batches, [], { query: { tenant } });
  }

  importCsv(csv: string, settings: ImportSettings): Promise<ImportBatchResponse> {
    return callApi(this.http, API_ROUTES.importBatch, [], {
      body: csv,
      query: settings,
      headers: { 'content-type': 'text/csv' },
    });
  }

  batch(id: string): Promise<BatchView> {
    return callApi(this.http, API_ROUTES.batch, [id]);
  }

  items(id: string, filter: BatchItemsQuery): Promise<BatchItemView[]> {
    return callApi(this.http, API_ROUTES.batchItems, [id], { query: filter });
  }

  failureReasons(id: string): Promise<FailureGroupView[]> {
    return callApi(this.http, API_ROUTES.batchFailureReasons, [id]);
  }

  throughput(id: string): Promise<ThroughputSample[]> {
    return callApi(this.http, API_ROUTES.batchThroughput, [id]);
  }

  act(id: string, action: BatchAction): Promise<BatchActionResponse> {
    return callApi(this.http, API_ROUTES.batchAction, [id, action]);
  }

  acceptInvite(token: string, password: string): Promise<void> {
    return callApi(this.http, API_ROUTES.acceptInvite, [], { body: { token, password } });
  }

  users(tenant?: string): Promise<AdminUserView[]> {
    return callApi(this.http, API_ROUTES.adminUsers, [], { query: { tenant } });
  }

  invite(request: InviteAdminRequest): Promise<InviteAdminResponse> {
    return callApi(this.http, API_ROUTES.inviteAdmin, [], { body: request });
  }

  changeRole(id: string, role: AdminRole): Promise<AdminUserView> {
    return callApi(this.http, API_ROUTES.changeAdminRole, [id], { body: { role } });
  }

  removeAdmin(id: string): Promise<void> {
    return callApi(this.http, API_ROUTES.removeAdmin, [id]);
  }

  tokens(tenant?: string): Promise<ApiTokenView[]> {
    return callApi(this.http, API_ROUTES.apiTokens, [], { query: { tenant } });
  }

  createToken(request: CreateApiTokenRequest): Promise<ApiTokenCreated> {
    return callApi(this.http, API_ROUTES.createApiToken, [], { body: request });
  }

  revokeToken(id: string): Promise<void> {
    return callApi(this.http, API_ROUTES.revokeApiToken, [id]);
  }

  tenants(): Promise<TenantView[]> {
    return callApi(this.http, API_ROUTES.tenants, []);
  }

  createTenant(request: CreateTenantRequest): Promise<TenantView> {
    return callApi(this.http, API_ROUTES.createTenant, [], { body: request });
  }

  updateTenant(id: string, request: UpdateTenantRequest): Promise<TenantView> {
    return callApi(this.http, API_ROUTES.updateTenant, [id], { body: request });
  }

  deleteTenant(id: string): Promise<void> {
    return callApi(this.http, API_ROUTES.deleteTenant, [id]);
  }

  activity(query: ActivityQuery): Promise<ActivityPage> {
    return callApi(this.http, API_ROUTES.activity, [], { query });
  }
}

/** The activity log's CSV with the same filters, for a download link (GET: the cookie is enough). */
export function activityCsvUrl(filter: ActivityFilter): string {
  const present = Object.entries(filter).filter(([, value]) => value !== undefined && value !== '');
  const query = new URLSearchParams(present).toString();
  return `${API_ROUTES.activityCsv.path()}${query ? `?${query}` : ''}`;
}
