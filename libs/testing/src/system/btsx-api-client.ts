import {
  AccountSide,
  AnyApiRoute,
  API_ROUTES,
  AuditReport,
  clientSessionCookie,
  CreateJobRequest,
  CreateJobResponse,
  CreateScheduleRequest,
  CredentialPair,
  isTerminal,
  JobOptions,
  JobProgressEvent,
  JobStatus,
  JobStatusLine,
  JobView,
  PlanView,
  newClientSession,
  RestartJobRequest,
  RouteBody,
  RouteParams,
  RouteResponse,
  scheduleEnded,
  ScheduleView,
  VerifyImapRequest,
  VerifyJobRequest,
} from '@btsx/contracts';
import type { DovecotServer, DovecotUser } from '../dovecot-server';
import type { ImapTestServer } from '../imap-test-server';

/** How often a wait asks for the job again; small against any real run. */
const POLL_MS = 100;
/** A whole small migration ends well within this on a loaded CI machine. */
const DEFAULT_WAIT_MS = 180_000;

/** Where a test server listens: all the client needs of it (Dovecot, Courier or Cyrus). */
type Listening = Pick<ImapTestServer, 'host' | 'port'>;

/** One IMAP account on a test server, as the start page would authenticate it. */
export interface ApiAccount<Server extends Listening = DovecotServer> {
  server: Server;
  user: DovecotUser;
}

/** A job as the tests start it: its id and the credentials it was created with. */
export interface StartedJob {
  id: string;
  sourceCredentialId: string;
  destinationCredentialId: string;
}

export const DEFAULT_JOB_OPTIONS: Readonly<JobOptions> = {
  deleteSource: false,
  foldersOnly: false,
  progressUpdates: false,
  reconcileExisting: false,
};

/** A non-2xx answer of the public API, with its status for tests that expect one (404, 409). */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${url}: ${status} ${body}`);
  }
}

/**
 * The public HTTP API of BTSX as tests and the bench use it (through the gateway):
 * authenticate accounts, create, watch, cancel and delete jobs.
 */
export class BtsxApiClient {
  /**
   * This client's session, sent as its cookie the way the CLI sends its own: a credential
   * token is claimed only by the session it was given to. A test of another client makes
   * another client; a browser-like sign-in (OAuth) of this client starts with this session.
   */
  readonly session = newClientSession();

  constructor(readonly baseUrl: string) {}

  /**
   * POST /api/auth/imap/verify: a plaintext login on a test server; the credential token
   * for that side of one job.
   */
  async verify({ server, user }: ApiAccount<Listening>, side: AccountSide): Promise<string> {
    const request: VerifyImapRequest = {
      side,
      host: server.host,
      port: server.port,
      security: 'none',
      username: user.username,
      password: user.password,
    };
    return (await this.call(API_ROUTES.verifyImap, [], request)).credentialId;
  }

  /** Both accounts signed in: the two credential tokens a job, a restart or a Verify claims. */
  async signIn(from: ApiAccount<Listening>, to: ApiAccount<Listening>): Promise<CredentialPair> {
    return {
      sourceCredentialId: await this.verify(from, 'source'),
      destinationCredentialId: await this.verify(to, 'destination'),
    };
  }

  /** POST /api/jobs: the new job's id. */
  async createJob(request: CreateJobRequest): Promise<string> {
    return (await this.createJobAnswer(request)).id;
  }

  /** POST /api/jobs: the whole answer (the id, and a webhook's secret, shown this once). */
  createJobAnswer(request: CreateJobRequest): Promise<CreateJobResponse> {
    return this.call(API_ROUTES.createJob, [], request);
  }

  /** POST /api/plans: what a job of these tokens and options would do; the tokens stay unused. */
  planJob(tokens: CredentialPair, options: Partial<JobOptions> = {}): Promise<PlanView> {
    return this.call(API_ROUTES.planJob, [], {
      ...tokens,
      options: { ...DEFAULT_JOB_OPTIONS, ...options },
    });
  }

  /** Authenticates both accounts and creates a job with these options (the rest off). */
  async startJob(
    from: ApiAccount<Listening>,
    to: ApiAccount<Listening>,
    options: Partial<JobOptions> = {},
  ): Promise<StartedJob> {
    const tokens = await this.signIn(from, to);
    return { id: await this.startJobWith(tokens, options), ...tokens };
  }

  /** Creates a job of these tokens with these options (the rest off): its id. */
  startJobWith(tokens: CredentialPair, options: Partial<JobOptions> = {}): Promise<string> {
    return this.createJob({ ...tokens, options: { ...DEFAULT_JOB_OPTIONS, ...options } });
  }

  /**
   * POST /api/jobs/:id/restart with fresh logins of both accounts: the finished job runs
   * again as a new job, Replace Existing on, or as a delta pass. The new job's id.
   */
  async restartJob(
    id: string,
    from: ApiAccount<Listening>,
    to: ApiAccount<Listening>,
    { delta = false } = {},
  ): Promise<string> {
    const request: RestartJobRequest = { ...(await this.signIn(from, to)), delta };
    return (await this.call(API_ROUTES.restartJob, [id], request)).id;
  }

  /** POST /api/schedules with both accounts signed in (options off unless given): its id. */
  async createSchedule(
    from: ApiAccount<Listening>,
    to: ApiAccount<Listening>,
    when: Omit<CreateScheduleRequest, keyof CredentialPair | 'options'>,
    options: Partial<JobOptions> = {},
  ): Promise<string> {
    const tokens = await this.signIn(from, to);
    const request = { ...tokens, ...when, options: { ...DEFAULT_JOB_OPTIONS, ...options } };
    return (await this.call(API_ROUTES.createSchedule, [], request)).id;
  }

  getSchedule(id: string): Promise<ScheduleView> {
    return this.call(API_ROUTES.getSchedule, [id]);
  }

  /** POST /api/schedules/:id/final: the schedule right after the request. */
  finalPass(id: string): Promise<ScheduleView> {
    return this.call(API_ROUTES.finalPass, [id]);
  }

  cancelSchedule(id: string): Promise<ScheduleView> {
    return this.call(API_ROUTES.cancelSchedule, [id]);
  }

  /** Polls the schedule until `accept` holds, or until it ended without (an error then). */
  async waitForSchedule(
    id: string,
    accept: (schedule: ScheduleView) => boolean,
    what: string,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<ScheduleView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const schedule = await this.getSchedule(id);
      if (accept(schedule)) return schedule;
      if (scheduleEnded(schedule.state) || Date.now() > deadline) {
        throw new Error(`Schedule ${id}: ${what} not met (${JSON.stringify(schedule)})`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** GET /api/jobs/:id */
  getJob(id: string): Promise<JobView> {
    return this.call(API_ROUTES.getJob, [id]);
  }

  /**
   * Polls the job until `accept` holds (default: it reached one of `statuses`). Connection
   * errors and 5xx answers are retried until the deadline: a service may be restarting.
   */
  async waitFor(
    id: string,
    accept: (job: JobView) => boolean,
    options: { timeoutMs?: number; what?: string; pollMs?: number } = {},
  ): Promise<JobView> {
    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_WAIT_MS);
    let last: JobView | undefined;
    let lastError: unknown;
    for (;;) {
      try {
        last = await this.getJob(id);
        if (accept(last)) return last;
        lastError = undefined;
      } catch (error) {
        if (error instanceof ApiError && error.status < 500) throw error;
        lastError = error;
      }
      if (Date.now() > deadline) {
        const seen = last
          ? `last seen ${last.status}, counters ${JSON.stringify(last.counters)}`
          : 'never answered';
        const failure = lastError ? `; last error: ${String(lastError)}` : '';
        throw new Error(`Job ${id}: ${options.what ?? 'condition'} not met (${seen})${failure}`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? POLL_MS));
    }
  }

  /** Waits until the job has one of these statuses. */
  waitForStatus(
    id: string,
    statuses: JobStatus | readonly JobStatus[],
    timeoutMs?: number,
  ): Promise<JobView> {
    const wanted: readonly JobStatus[] = typeof statuses === 'string' ? [statuses] : statuses;
    return this.waitFor(id, (job) => wanted.includes(job.status), {
      timeoutMs,
      what: `status ${wanted.join(' or ')}`,
    });
  }

  /** Waits until the job ended, in whatever state. */
  waitForEnd(id: string, timeoutMs?: number): Promise<JobView> {
    return this.waitFor(id, (job) => isTerminal(job.status), { timeoutMs, what: 'the end' });
  }

  /** POST /api/jobs/:id/cancel: the job as it is right after the cancel. */
  cancel(id: string): Promise<JobView> {
    return this.call(API_ROUTES.cancelJob, [id]);
  }

  /** DELETE /api/jobs/:id; an ApiError with status 409 for a job still running. */
  async delete(id: string): Promise<void> {
    await this.call(API_ROUTES.deleteJob, [id]);
  }

  /**
   * POST /api/jobs/:id/verify with fresh logins of both accounts (Verify again; `deep`:
   * Verify (deep)): the job as it is then, its new audit running. An ApiError for a refusal.
   */
  async verifyJob(
    id: string,
    from: ApiAccount<Listening>,
    to: ApiAccount<Listening>,
    options: { deep?: boolean } = {},
  ): Promise<JobView> {
    const request: VerifyJobRequest = {
      ...(await this.signIn(from, to)),
      ...(options.deep === undefined ? {} : { deep: options.deep }),
    };
    return this.call(API_ROUTES.verifyJob, [id], request);
  }

  /** Waits until this audit of the job (its id, from verifyJob's answer) is no longer running. */
  waitForAudit(id: string, auditId: string, timeoutMs?: number): Promise<JobView> {
    return this.waitFor(id, (job) => job.audit?.id === auditId && job.audit.state !== 'running', {
      timeoutMs,
      what: `the end of audit ${auditId}`,
    });
  }

  /**
   * GET /api/jobs/:id/audit/report.csv (the text) or report.json (the AuditReport): every
   * finding of the job's latest audit. An ApiError 409 while it runs or when it failed.
   */
  auditReport(id: string, format: 'csv'): Promise<string>;
  auditReport(id: string, format: 'json'): Promise<AuditReport>;
  async auditReport(id: string, format: 'csv' | 'json'): Promise<string | AuditReport> {
    if (format === 'csv') return (await this.fetch(API_ROUTES.auditReportCsv, [id])).text();
    const response = await this.fetch(API_ROUTES.auditReportJson, [id]);
    return (await response.json()) as AuditReport;
  }

  /**
   * The status lines of a finished job, from GET /api/jobs/:id/events: for a finished job
   * the stream replays every line, sends `end` and closes.
   */
  async statusLines(id: string, timeoutMs = 30_000): Promise<JobStatusLine[]> {
    const response = await this.fetch(API_ROUTES.jobEvents, [id], undefined, timeoutMs);
    const text = await response.text();
    return parseSse(text)
      .filter((event) => event.event === 'status')
      .map((event) => JSON.parse(event.data) as JobStatusLine);
  }

  /**
   * Follows the job's live stream (GET /api/jobs/:id/events) as its status page does, until
   * the stream's `end`: `onProgress` sees each progress event as it arrives. The final view
   * and every status line the stream sent. A job followed this way loads the orchestrator
   * as one open page does, where polling its view would add reads of its own.
   */
  async follow(
    id: string,
    onProgress: (progress: JobProgressEvent) => void = () => undefined,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<{ job: JobView; lines: JobStatusLine[] }> {
    const response = await this.fetch(API_ROUTES.jobEvents, [id], undefined, timeoutMs);
    const decoder = new TextDecoder();
    const lines: JobStatusLine[] = [];
    let buffer = '';
    for await (const bytes of response.body ?? []) {
      buffer += decoder.decode(bytes, { stream: true });
      const complete = buffer.lastIndexOf('\n\n');
      if (complete < 0) continue;
      const events = parseSse(buffer.slice(0, complete));
      buffer = buffer.slice(complete + 2);
      for (const { event, data } of events) {
        if (event === 'status') lines.push(JSON.parse(data) as JobStatusLine);
        if (event === 'progress') onProgress(JSON.parse(data) as JobProgressEvent);
        if (event === 'end') return { job: JSON.parse(data) as JobView, lines };
      }
    }
    throw new Error(`Job ${id}: its stream closed before its end`);
  }

  /** A route of the public API with a JSON body and answer (none for a 204). */
  private async call<R extends AnyApiRoute>(
    route: R,
    params: RouteParams<R>,
    body?: RouteBody<R>,
  ): Promise<RouteResponse<R>> {
    const response = await this.fetch(route, params, body);
    if (response.status === 204) return undefined as RouteResponse<R>;
    return (await response.json()) as RouteResponse<R>;
  }

  private async fetch<R extends AnyApiRoute>(
    route: R,
    params: RouteParams<R>,
    body?: RouteBody<R>,
    timeoutMs = 30_000,
  ): Promise<Response> {
    const { method } = route;
    const url = `${this.baseUrl}${route.path(...params)}`;
    const response = await fetch(url, {
      method,
      headers: {
        cookie: clientSessionCookie(this.session),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new ApiError(method, url, response.status, await response.text());
    return response;
  }
}

interface SseEvent {
  event: string;
  data: string;
}

/** Server-Sent Events text to events; comments and ids are dropped. */
function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice('event:'.length).trim();
      else if (line.startsWith('data:')) data.push(line.slice('data:'.length).replace(/^ /, ''));
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return events;
}
