import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateJobRequest,
  CreateJobResponse,
  JobView,
  RestartJobRequest,
  RestartJobResponse,
  VerifyImapRequest,
  VerifyImapResponse,
  VerifyJobRequest,
} from '@btsx/contracts';
import { firstValueFrom } from 'rxjs';

/** The public HTTP API, same origin as the app (the gateway serves both). */
export const API_ROOT = '/api';

@Injectable({ providedIn: 'root' })
export class BtsxApi {
  private readonly http = inject(HttpClient);

  verifyImap(request: VerifyImapRequest): Promise<VerifyImapResponse> {
    return firstValueFrom(
      this.http.post<VerifyImapResponse>(`${API_ROOT}/auth/imap/verify`, request),
    );
  }

  createJob(request: CreateJobRequest): Promise<CreateJobResponse> {
    return firstValueFrom(this.http.post<CreateJobResponse>(`${API_ROOT}/jobs`, request));
  }

  getJob(id: string): Promise<JobView> {
    return firstValueFrom(this.http.get<JobView>(jobUrl(id)));
  }

  cancelJob(id: string): Promise<unknown> {
    return firstValueFrom(this.http.post(`${jobUrl(id)}/cancel`, null));
  }

  /** Runs a finished job again as a new job; answers the new job's id. */
  restartJob(id: string, request: RestartJobRequest): Promise<RestartJobResponse> {
    return firstValueFrom(this.http.post<RestartJobResponse>(`${jobUrl(id)}/restart`, request));
  }

  /** Runs the completeness audit of a finished job again; answers the job, its audit running. */
  verifyJob(id: string, request: VerifyJobRequest): Promise<JobView> {
    return firstValueFrom(this.http.post<JobView>(`${jobUrl(id)}/verify`, request));
  }

  deleteJob(id: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(jobUrl(id)));
  }
}

export function jobUrl(id: string): string {
  return `${API_ROOT}/jobs/${encodeURIComponent(id)}`;
}

export function jobEventsUrl(id: string): string {
  return `${jobUrl(id)}/events`;
}

/** Every finding of the job's latest audit, as a spreadsheet (CSV) or an AuditReport (JSON). */
export function auditReportUrl(id: string, format: 'csv' | 'json'): string {
  return `${jobUrl(id)}/audit/report.${format}`;
}
