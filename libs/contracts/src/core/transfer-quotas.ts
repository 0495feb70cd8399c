import type { ImapEndpoint } from '../imap-account';
import { mailProviderOf } from './server-limits';

/**
 * Whose transfer quota an account is under: a provider that suspends IMAP past a daily
 * volume, or any other server (`imap`), which has none unless the operator sets one.
 */
export type QuotaProvider = 'gmail' | 'microsoft' | 'imap';
/** Download: read from the source; upload: appended to the destination. */
export type QuotaDirection = 'download' | 'upload';

export const QUOTA_PROVIDERS: readonly QuotaProvider[] = ['gmail', 'microsoft', 'imap'];
export const QUOTA_DIRECTIONS: readonly QuotaDirection[] = ['download', 'upload'];

/** MB an account may move per day in each direction; 0: no quota known. */
export type DailyTransferMb = Record<QuotaDirection, number>;

/**
 * What each provider is known to allow. Gmail suspends an account's IMAP access for up to a
 * day past about 2,500 MB of downloads or 500 MB of uploads in one day (Google Workspace
 * "Gmail bandwidth limits"). Microsoft 365 publishes no daily volume: it throttles with a
 * "Suggested Backoff Time", which the copier already honours.
 */
export const DEFAULT_DAILY_TRANSFER_MB: Record<QuotaProvider, DailyTransferMb> = {
  gmail: { download: 2_500, upload: 500 },
  microsoft: { download: 0, upload: 0 },
  imap: { download: 0, upload: 0 },
};

const PROVIDER_NAMES: Record<Exclude<QuotaProvider, 'imap'>, string> = {
  gmail: 'Gmail',
  microsoft: 'Microsoft 365',
};

/** Whose quota, as a status line says it: "Gmail's", "the destination server's". */
export function quotaOwnerName(provider: QuotaProvider, direction: QuotaDirection): string {
  if (provider !== 'imap') return `${PROVIDER_NAMES[provider]}'s`;
  return direction === 'upload' ? "the destination server's" : "the source server's";
}

export function quotaProviderOf(endpoint: Pick<ImapEndpoint, 'host' | 'provider'>): QuotaProvider {
  return mailProviderOf(endpoint) ?? 'imap';
}
