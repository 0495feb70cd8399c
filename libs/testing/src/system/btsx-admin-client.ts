import type {
  AdminSessionView,
  ApiTokenCreated,
  BatchItemView,
  BatchView,
  ImportBatchResponse,
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
    const response = await fetch(`${baseUrl}/api/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) {
      throw new ApiError('POST', '/api/admin/login', response.status, await response.text());
    }
    const session = response.headers.getSetCookie().find((c) => c.startsWith('btsx_admin='));
    const { csrfToken } = (await response.json()) as AdminSessionView;
    return new BtsxAdminClient(baseUrl, session?.split(';')[0] ?? '', csrfToken);
  }

  /** A bearer token for the CLI. */
  async createApiToken(name: string): Promise<string> {
    return (await this.send<ApiTokenCreated>('POST', '/api/admin/tokens', { name })).token;
  }

  /** POST /api/admin/batches: the new batch's id. */
  async importCsv(csv: string, query: Record<string, string> = {}): Promise<string> {
    const path = `/api/admin/batches?${new URLSearchParams(query)}`;
    return (await this.send<ImportBatchResponse>('POST', path, csv, 'text/csv')).id;
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
    return this.send<BatchView>('GET', `/api/admin/batches/${id}`);
  }

  items(id: string): Promise<BatchItemView[]> {
    return this.send<BatchItemView[]>('GET', `/api/admin/batches/${id}/items`);
  }

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
