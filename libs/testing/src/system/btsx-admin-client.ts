import {
  AnyApiRoute,
  API_ROUTES,
  BatchItemView,
  BatchView,
  RouteBody,
  RouteParams,
  RouteResponse,
} from '@btsx/contracts';
import { ApiError } from './btsx-api-client';
import { pollUntil } from './poll';

/** The admin API as tests drive it: a cookie session (with its CSRF token) through the gateway. */
export class BtsxAdminClient {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  static async login(baseUrl: string, email: string, password: string): Promise<BtsxAdminClient> {
    const route = API_ROUTES.adminLogin;
    const body: RouteBody<typeof route> = { email, password };
    const response = await fetch(`${baseUrl}${route.path()}`, {
      method: route.method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw new ApiError(route.method, route.path(), response.status, await response.text());
    }
    const session = response.headers.getSetCookie().find((c) => c.startsWith('btsx_admin='));
    const { csrfToken } = (await response.json()) as RouteResponse<typeof route>;
    return new BtsxAdminClient(baseUrl, session?.split(';')[0] ?? '', csrfToken);
  }

  /** A bearer token for the CLI. */
  async createApiToken(name: string): Promise<string> {
    return (await this.call(API_ROUTES.createApiToken, [], { name })).token;
  }

  /** POST /api/admin/batches: the new batch's id. */
  async importCsv(csv: string, query: Record<string, string> = {}): Promise<string> {
    const route = API_ROUTES.importBatch;
    const path = `${route.path()}?${new URLSearchParams(query)}`;
    return (await this.send<RouteResponse<typeof route>>(route.method, path, csv, 'text/csv')).id;
  }

  /** Polls the batch until it is no longer running. */
  async waitForBatchEnd(id: string, timeoutMs = 300_000): Promise<BatchView> {
    return pollUntil(
      `batch ${id} to end`,
      async () => {
        const view = await this.batch(id);
        return view.state === 'running' ? undefined : view;
      },
      timeoutMs,
    );
  }

  batch(id: string): Promise<BatchView> {
    return this.call(API_ROUTES.batch, [id]);
  }

  items(id: string): Promise<BatchItemView[]> {
    return this.call(API_ROUTES.batchItems, [id]);
  }

  /** A route of the admin API with a JSON body. */
  call<R extends AnyApiRoute>(
    route: R,
    params: RouteParams<R>,
    body?: RouteBody<R>,
  ): Promise<RouteResponse<R>> {
    return this.send<RouteResponse<R>>(route.method, route.path(...params), body);
  }

  /** Any request of the session, for tests that ask what no route of the table names. */
  async send<T>(
    method: string,
    path: string,
    body?: unknown,
    type = 'application/json',
  ): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'x-xsrf-token': this.csrfToken,
        ...(body === undefined ? {} : { 'content-type': type }),
      },
      body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new ApiError(method, path, response.status, await response.text());
    const answered = response.headers.get('content-type') ?? '';
    return (answered.includes('json') ? await response.json() : await response.text()) as T;
  }
}
