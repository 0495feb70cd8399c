import {
  API_ROUTES,
  type AnyApiRoute,
  type ApiErrorBody,
  type AuditReportFormat,
  clientSessionCookie,
  type CreateJobResponse,
  type CreateScheduleResponse,
  type JobView,
  newClientSession,
  type PlanView,
  type RestartJobResponse,
  type RouteBody,
  type RouteParams,
  type RouteResponse,
  type ScheduleView,
  type VerifyImapResponse,
} from '@btsx/contracts/core';
import type {
  CreateJobRequest,
  CreateScheduleRequest,
  RestartJobRequest,
  VerifyImapRequest,
  VerifyJobRequest,
} from '@btsx/contracts';
import { CliError } from './cli-error';
import { EXIT_USAGE } from './exit-code';

/** A non-2xx answer of the public API, with its ApiErrorBody when the server sent one. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message and, for a 400, the invalid fields: "bad request (port must be ...)". */
  describe(): string {
    return this.details.length > 0 ? `${this.message} (${this.details.join('; ')})` : this.message;
  }
}

/** A plain request gets this long; the event stream has no timeout, it is meant to stay open. */
const REQUEST_TIMEOUT_MS = 60_000;
/** A plan lists every message of the source: as long as the server gives it (PLAN_TIMEOUT_MS). */
const PLAN_TIMEOUT_MS = 150_000;
/** An audit report names every finding (a row per message): megabytes for a large mailbox. */
const REPORT_TIMEOUT_MS = 600_000;

const REPORT_MEDIA_TYPES: Record<AuditReportFormat, string> = {
  csv: 'text/csv',
  json: 'application/json',
};

/** The public HTTP API of BTSX, as the gateway serves it. */
export class ApiClient {
  /** This run's client session: the credential tokens it gets are good only with it. */
  private readonly session = clientSessionCookie(newClientSession());

  constructor(
    readonly serverUrl: string,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  verifyImap(request: VerifyImapRequest): Promise<VerifyImapResponse> {
    return this.json(API_ROUTES.verifyImap, [], request);
  }

  createJob(request: CreateJobRequest): Promise<CreateJobResponse> {
    return this.json(API_ROUTES.createJob, [], request);
  }

  /** What a job of these tokens and options would do; the tokens stay good for the job. */
  planJob(request: CreateJobRequest): Promise<PlanView> {
    return this.json(API_ROUTES.planJob, [], request, PLAN_TIMEOUT_MS);
  }

  getJob(id: string): Promise<JobView> {
    return this.json(API_ROUTES.getJob, [id]);
  }

  cancelJob(id: string): Promise<JobView> {
    return this.json(API_ROUTES.cancelJob, [id]);
  }

  /** Deletes a finished job with its records and audit; 409 while it runs. */
  deleteJob(id: string): Promise<void> {
    return this.json(API_ROUTES.deleteJob, [id]);
  }

  /** Runs a finished job again as a new job; answers the new job's id. */
  restartJob(id: string, request: RestartJobRequest): Promise<RestartJobResponse> {
    return this.json(API_ROUTES.restartJob, [id], request);
  }

  /** POST /api/jobs/:id/verify: the completeness audit again; the job, its audit running. */
  verifyJob(id: string, request: VerifyJobRequest): Promise<JobView> {
    return this.json(API_ROUTES.verifyJob, [id], request);
  }

  /**
   * GET /api/jobs/:id/audit/report.csv or .json: every finding of the job's latest audit, byte
   * for byte as the server wrote it (an AuditReport for JSON). 409 while that audit runs or
   * when it failed.
   */
  async auditReport(id: string, format: AuditReportFormat): Promise<Uint8Array> {
    const route = format === 'csv' ? API_ROUTES.auditReportCsv : API_ROUTES.auditReportJson;
    const response = await this.send(route.path(id), {
      method: route.method,
      headers: { accept: REPORT_MEDIA_TYPES[format] },
      signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
    });
    if (!response.ok) throw await toApiError(response);
    return new Uint8Array(await response.arrayBuffer());
  }

  /** Opens the job's Server-Sent Events stream; resumes after `lastEventId` when given. */
  async openEvents(
    id: string,
    lastEventId: string | undefined,
    signal?: AbortSignal,
  ): Promise<AsyncIterable<Uint8Array>> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (lastEventId) headers['last-event-id'] = lastEventId;
    const route = API_ROUTES.jobEvents;
    const response = await this.send(route.path(id), { method: route.method, headers, signal });
    if (!response.ok) throw await toApiError(response);
    if (!response.body) throw new ApiError(response.status, 'the event stream has no body');
    return response.body as AsyncIterable<Uint8Array>;
  }

  createSchedule(request: CreateScheduleRequest): Promise<CreateScheduleResponse> {
    return this.json(API_ROUTES.createSchedule, [], request);
  }

  getSchedule(id: string): Promise<ScheduleView> {
    return this.json(API_ROUTES.getSchedule, [id]);
  }

  /** One last delta pass once the current one ended, then the schedule ends. */
  finalPass(id: string): Promise<ScheduleView> {
    return this.json(API_ROUTES.finalPass, [id]);
  }

  cancelSchedule(id: string): Promise<ScheduleView> {
    return this.json(API_ROUTES.cancelSchedule, [id]);
  }

  /** Where a person can watch the schedule's passes in a browser. */
  schedulePageUrl(id: string): string {
    return `${this.serverUrl}/schedules/${encodeURIComponent(id)}`;
  }

  /** Where a person can watch the job in a browser. */
  jobPageUrl(id: string): string {
    return `${this.serverUrl}/jobs/${encodeURIComponent(id)}`;
  }

  private async json<R extends AnyApiRoute>(
    route: R,
    params: RouteParams<R>,
    body?: RouteBody<R>,
    timeoutMs = REQUEST_TIMEOUT_MS,
  ): Promise<RouteResponse<R>> {
    const response = await this.send(route.path(...params), {
      method: route.method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw await toApiError(response);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as RouteResponse<R>;
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    try {
      const headers = { ...(init.headers as Record<string, string>), cookie: this.session };
      return await this.fetchFn(`${this.serverUrl}${path}`, { ...init, headers });
    } catch (err) {
      throw new CliError(
        `Cannot reach the BTSX server at ${this.serverUrl}: ${networkReason(err)}`,
      );
    }
  }
}

export async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as Partial<ApiErrorBody>;
    if (typeof body.message === 'string') {
      return new ApiError(response.status, body.message, body.details ?? []);
    }
  } catch {
    // not JSON: a proxy's HTML error page, for instance
  }
  return new ApiError(response.status, `HTTP ${response.status} ${response.statusText}`.trim());
}

/** fetch reports "fetch failed" and hides the useful part (ECONNREFUSED, ENOTFOUND) in cause. */
export function networkReason(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'no answer in time';
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? err.message;
  }
  return String(err);
}

/** Accepts http(s)://host[:port][/prefix]; returns it without a trailing slash. */
export function normalizeServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(
      `--server: "${raw}" is not a URL (expected e.g. http://localhost:8080)`,
      EXIT_USAGE,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(
      `--server: use an http:// or https:// URL, not ${url.protocol}//`,
      EXIT_USAGE,
    );
  }
  return url.href.replace(/\/+$/, '');
}
