import { Command, Option } from 'commander';
import { ApiClient, normalizeServerUrl } from '../api-client';

export const DEFAULT_SERVER_URL = 'http://localhost:8080';

/** The global --server option; BTSX_SERVER sets it from the environment. */
export function serverOption(): Option {
  return new Option('--server <url>', 'BTSX server to talk to')
    .env('BTSX_SERVER')
    .default(DEFAULT_SERVER_URL);
}

/** An API client for the server chosen on the command line (global options included). */
export function apiClientFor(command: Command): ApiClient {
  const { server } = command.optsWithGlobals<{ server: string }>();
  return new ApiClient(normalizeServerUrl(server));
}
