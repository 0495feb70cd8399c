import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { BatchItemsQuery, BatchScheduleFields, ImportBatchQuery } from '@btsx/contracts';
import {
  API_ROUTES,
  type AdminSessionView,
  type AdminSsoInfo,
  type BatchAction,
  type BatchActionResponse,
  type BatchItemView,
  type BatchView,
  type FailureGroupView,
  type ImportBatchResponse,
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
  Pick<ImportBatchQuery, 'notifyEmail' | 'notifyWebhook'> &
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

  batches(): Promise<BatchView[]> {
    return callApi(this.http, API_ROUTES.batches, []);
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
}
