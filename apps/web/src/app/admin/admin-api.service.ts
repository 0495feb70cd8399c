import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AdminSessionView,
  BatchActionResponse,
  BatchItemsQuery,
  BatchItemView,
  BatchView,
  FailureGroupView,
  ImportBatchResponse,
  ThroughputSample,
} from '@btsx/contracts';
import { firstValueFrom } from 'rxjs';
import { API_ROOT } from '../shared/api/btsx-api.service';

export const ADMIN_ROOT = `${API_ROOT}/admin`;

export type BatchAction = 'pause' | 'resume' | 'cancel' | 'retry' | 'delta';

export interface ImportSettings {
  name: string;
  concurrency: number;
  perHostLimit: number;
}

/**
 * The admin API. The session is an httpOnly cookie; HttpClient echoes the XSRF-TOKEN cookie
 * as X-XSRF-TOKEN on every POST, PUT and DELETE (Angular's built-in XSRF protection).
 */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  login(email: string, password: string): Promise<AdminSessionView> {
    return firstValueFrom(
      this.http.post<AdminSessionView>(`${ADMIN_ROOT}/login`, { email, password }),
    );
  }

  logout(): Promise<unknown> {
    return firstValueFrom(this.http.post(`${ADMIN_ROOT}/logout`, null));
  }

  me(): Promise<AdminSessionView> {
    return firstValueFrom(this.http.get<AdminSessionView>(`${ADMIN_ROOT}/me`));
  }

  batches(): Promise<BatchView[]> {
    return firstValueFrom(this.http.get<BatchView[]>(`${ADMIN_ROOT}/batches`));
  }

  importCsv(csv: string, settings: ImportSettings): Promise<ImportBatchResponse> {
    const params = new HttpParams({
      fromObject: {
        name: settings.name,
        concurrency: settings.concurrency,
        perHostLimit: settings.perHostLimit,
      },
    });
    return firstValueFrom(
      this.http.post<ImportBatchResponse>(`${ADMIN_ROOT}/batches`, csv, {
        params,
        headers: { 'content-type': 'text/csv' },
      }),
    );
  }

  batch(id: string): Promise<BatchView> {
    return firstValueFrom(this.http.get<BatchView>(batchUrl(id)));
  }

  items(id: string, filter: BatchItemsQuery): Promise<BatchItemView[]> {
    const params = new HttpParams({
      fromObject: Object.fromEntries(Object.entries(filter).filter(([, v]) => v)),
    });
    return firstValueFrom(this.http.get<BatchItemView[]>(`${batchUrl(id)}/items`, { params }));
  }

  failureReasons(id: string): Promise<FailureGroupView[]> {
    return firstValueFrom(this.http.get<FailureGroupView[]>(`${batchUrl(id)}/failure-reasons`));
  }

  throughput(id: string): Promise<ThroughputSample[]> {
    return firstValueFrom(this.http.get<ThroughputSample[]>(`${batchUrl(id)}/throughput`));
  }

  act(id: string, action: BatchAction): Promise<BatchActionResponse> {
    return firstValueFrom(this.http.post<BatchActionResponse>(`${batchUrl(id)}/${action}`, null));
  }
}

export function batchUrl(id: string): string {
  return `${ADMIN_ROOT}/batches/${encodeURIComponent(id)}`;
}
