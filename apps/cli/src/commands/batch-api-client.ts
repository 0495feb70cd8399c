import type { BatchView, ImportBatchResponse } from '@btsx/contracts';
import { Command, Option } from 'commander';
import { networkReason, normalizeServerUrl, toApiError } from '../api-client';
import { CliError } from '../cli-error';
import { EXIT_USAGE } from '../exit-code';

/** A CSV of thousands of rows is sealed in the vault row by row: allow for it. */
const REQUEST_TIMEOUT_MS = 300_000;

export interface ImportOptions {
  name?: string;
  concurrency?: number;
  perHostLimit?: number;
}

/** The admin batch API with a bearer API token (create one on the dashboard or POST /api/admin/tokens). */
export class BatchApiClient {
  constructor(
    readonly serverUrl: string,
    private readonly token: string,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async importCsv(csv: string, options: ImportOptions): Promise<ImportBatchResponse> {
    const query = new URLSearchParams();
    if (options.name) query.set('name', options.name);
    if (options.concurrency) query.set('concurrency', String(options.concurrency));
    if (options.perHostLimit) query.set('perHostLimit', String(options.perHostLimit));
    const response = await this.send('POST', `/api/admin/batches?${query}`, csv, 'text/csv');
    return (await response.json()) as ImportBatchResponse;
  }

  async getBatch(id: string): Promise<BatchView> {
    const response = await this.send('GET', `/api/admin/batches/${encodeURIComponent(id)}`);
    return (await response.json()) as BatchView;
  }

  async reportCsv(id: string): Promise<string> {
    const path = `/api/admin/batches/${encodeURIComponent(id)}/report.csv`;
    return (await this.send('GET', path)).text();
  }

  /** Where the batch's dashboard is. */
  dashboardUrl(id: string): string {
    return `${this.serverUrl}/admin/batches/${encodeURIComponent(id)}`;
  }

  private async send(
    method: string,
    path: string,
    body?: string,
    contentType?: string,
  ): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchFn(`${this.serverUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(contentType ? { 'content-type': contentType } : {}),
        },
        body,
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
