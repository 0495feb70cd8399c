import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateJobRequest,
  CreateScheduleRequest,
  RestartJobRequest,
  VerifyImapRequest,
  VerifyJobRequest,
} from '@btsx/contracts';
import {
  API_ROUTES,
  type AuditReportFormat,
  type CreateJobResponse,
  type CreateScheduleResponse,
  type JobView,
  type PlanView,
  type RestartJobResponse,
  type ScheduleView,
  type VerifyImapResponse,
} from '@btsx/contracts/core';
import { callApi } from './call-api';

/** The public HTTP API, same origin as the app (the gateway serves both). */
@Injectable({ providedIn: 'root' })
export class BtsxApi {
  private readonly http = inject(HttpClient);

  verifyImap(request: VerifyImapRequest): Promise<VerifyImapResponse> {
    return callApi(this.http, API_ROUTES.verifyImap, [], { body: request });
  }

  createJob(request: CreateJobRequest): Promise<CreateJobResponse> {
    return callApi(this.http, API_ROUTES.createJob, [], { body: request });
  }

  /** What a job of these accounts and options would do, written to neither account. */
  planJob(request: CreateJobRequest): Promise<PlanView> {
    return callApi(this.http, API_ROUTES.planJob, [], { body: request });
  }

  getJob(id: string): Promise<JobView> {
    return callApi(this.http, API_ROUTES.getJob, [id]);
  }

  cancelJob(id: string): Promise<JobView> {
    return callApi(this.http, API_ROUTES.cancelJob, [id]);
  }

  /** Runs a finished job again as a new job; answers the new job's id. */
  restartJob(id: string, request: RestartJobRequest): Promise<RestartJobResponse> {
    return callApi(this.http, API_ROUTES.restartJob, [id], { body: request });
  }

  /** Runs the completeness audit of a finished job again; answers the job, its audit running. */
  verifyJob(id: string, request: VerifyJobRequest): Promise<JobView> {
    return callApi(this.http, API_ROUTES.verifyJob, [id], { body: request });
  }

  deleteJob(id: string): Promise<void> {
    return callApi(this.http, API_ROUTES.deleteJob, [id]);
  }

  /** A first pass (now or later), then delta passes until the final pass; answers its id. */
  createSchedule(request: CreateScheduleRequest): Promise<CreateScheduleResponse> {
    return callApi(this.http, API_ROUTES.createSchedule, [], { body: request });
  }

  getSchedule(id: string): Promise<ScheduleView> {
    return callApi(this.http, API_ROUTES.getSchedule, [id]);
  }

  /** One last delta pass once the current one ended (or now), then the schedule ends. */
  finalPass(id: string): Promise<ScheduleView> {
    return callApi(this.http, API_ROUTES.finalPass, [id]);
  }

  cancelSchedule(id: string): Promise<ScheduleView> {
    return callApi(this.http, API_ROUTES.cancelSchedule, [id]);
  }
}

/** Every finding of the job's latest audit, as a spreadsheet (CSV) or an AuditReport (JSON). */
export function auditReportUrl(id: string, format: AuditReportFormat): string {
  const route = format === 'csv' ? API_ROUTES.auditReportCsv : API_ROUTES.auditReportJson;
  return route.path(id);
}
