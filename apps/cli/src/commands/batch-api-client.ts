import type { ImportBatchQuery } from '@btsx/contracts';
import {
  API_ROUTES,
  type AnyApiRoute,
  type BatchAction,
  type BatchActionResponse,
  type BatchItemView,
  type BatchView,
  type ImportBatchResponse,
  type RouteParams,
} from '@btsx/contracts/core';
import { Command, Option } from 'commander';
import { networkReason, normalizeServerUrl, toApiError } from '../api-client';
import { CliError } from '../cli-error';
import { EXIT_USAGE } from '../exit-code';

/** A CSV of thousands of rows is sealed in the vault row by row: allow for it. */
const REQUEST_TIMEOUT_MS = 300_000;

/** The admin batch API with a bearer API token (create one on the dashboard or POST /api/admin/tokens). */
export class BatchApiClient {
  constructor(
    readonly serverUrl: string,
    private readonly token: string,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async importCsv(csv: string, options: ImportBatchQuery): Promise<ImportBatchResponse> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(options)) {
      if (value !== undefined && value !== '') query.set(name, String(value));
    }
    const response = await this.send(API_ROUTES.importBatch, [], { query, csv });
    return (await response.json()) as ImportBatchResponse;
  }

  async getBatch(id: string): Promise<BatchView> {
    const response = await this.send(API_ROUTES.batch, [id]);
    return (await response.json()) as BatchView;
  }

  async reportCsv(id: string): Promise<string> {
    return (await this.send(API_ROUTES.batchReportCsv, [id])).text();
  }

  /** Every mailbox pair of the batch, with its job's state and counts. */
  async items(id: string): Promise<BatchItemView[]> {
    return (await (await this.send(API_ROUTES.batchItems, [id])).json()) as BatchItemView[];
  }

  async act(id: string, action: BatchAction): Promise<BatchActionResponse> {
    const response = await this.send(API_ROUTES.batchAction, [id, action]);
    return (await response.json()) as BatchActionResponse;
  }

  /** Deletes a batch with nothing running, and its stored passwords; its jobs stay. */
  async deleteBatch(id: string): Promise<void> {
    await this.send(API_ROUTES.deleteBatch, [id]);
  }

  /** Where the batch's dashboard is. */
  dashboardUrl(id: string): string {
    return `${this.serverUrl}/admin/batches/${encodeURIComponent(id)}`;
  }

  private async send<R extends AnyApiRoute>(
    route: R,
    params: RouteParams<R>,
    { query, csv }: { query?: URLSearchParams; csv?: string } = {},
  ): Promise<Response> {
    const url = `${this.serverUrl}${route.path(...params)}${query ? `?${query}` : ''}`;
    let response: Response;
    try {
      response = await this.fetchFn(url, {
        method: route.method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(csv === undefined ? {} : { 'content-type': 'text/csv' }),
        },
        body: csv,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new CliError(
        `Cannot reach the BTSX server at ${this.serverUrl}: ${networkReason(err)}`,
      );
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  }
}

/** The --token option; BTSX_ADMIN_TOKEN sets it from the environment. */
export function adminTokenOption(): Option {
  return new Option('--token <token>', 'admin API token').env('BTSX_ADMIN_TOKEN');
}

export function batchClientFor(command: Command): BatchApiClient {
  const { server, token } = command.optsWithGlobals<{ server: string; token?: string }>();
  if (!token) {
    throw new CliError('An admin API token is needed: set BTSX_ADMIN_TOKEN or --token', EXIT_USAGE);
  }
  return new BatchApiClient(normalizeServerUrl(server), token);
}
