import type { ImapEndpoint } from '../imap-account';

export interface ServerLimits {
  /** Messages larger than this are refused by the server: fail them before sending. */
  maxMessageBytes?: number;
  /** IMAP connections the server allows one account at once. */
  maxConnections?: number;
  /**
   * The host serves millions of accounts from many machines: no cap per host applies, only
   * the account's (a batch of a thousand Gmail accounts is not held to one host's share).
   */
  sharedHost?: boolean;
}

const MB = 1024 * 1024;
/** Gmail: 35 MB per message over IMAP, 15 simultaneous IMAP connections per account. */
const GMAIL: ServerLimits = { maxMessageBytes: 35 * MB, maxConnections: 15, sharedHost: true };
const GMAIL_HOST = /(^|\.)(gmail|googlemail)\.com\.?$/i;
const MICROSOFT: ServerLimits = { sharedHost: true };
const MICROSOFT_HOST = /(^|\.)(office365|outlook)\.com\.?$/i;

/** The large provider a mail host belongs to, by OAuth provider or host name (app passwords use IMAP). */
export function mailProviderOf(
  endpoint: Pick<ImapEndpoint, 'host' | 'provider'>,
): 'gmail' | 'microsoft' | undefined {
  if (endpoint.provider === 'google' || GMAIL_HOST.test(endpoint.host)) return 'gmail';
  if (endpoint.provider === 'microsoft' || MICROSOFT_HOST.test(endpoint.host)) return 'microsoft';
  return undefined;
}

/** Known limits of a mail host. */
export function serverLimits(endpoint: Pick<ImapEndpoint, 'host' | 'provider'>): ServerLimits {
  const provider = mailProviderOf(endpoint);
  if (provider === 'gmail') return GMAIL;
  if (provider === 'microsoft') return MICROSOFT;
  return {};
}
