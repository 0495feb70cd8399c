import { ImapError, resolveAllowedHost } from '@btsx/imap';

/** The host of a URL as the resolver takes it: an IPv6 literal without its brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Why a webhook URL may not be used, or undefined. https only, unless private hosts are
 * allowed (a receiver on the operator's own network); its host must resolve to public
 * addresses only, as an IMAP host must: the webhook must not reach into our network (SSRF).
 */
export async function webhookUrlProblem(
  text: string,
  allowPrivateHosts: boolean,
): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'The webhook URL is not a URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowPrivateHosts)) {
    return 'The webhook URL must be an https:// URL';
  }
  // A user name or password in the URL would travel in every request and show in logs.
  if (url.username || url.password) return 'The webhook URL must not contain a user or password';
  try {
    await resolveAllowedHost(hostOf(url), allowPrivateHosts);
    return undefined;
  } catch (error) {
    if (error instanceof ImapError && error.kind === 'forbidden_host') {
      return `The webhook's host is not allowed: ${url.hostname} is on a private or local network`;
    }
    return `The webhook's host ${url.hostname} could not be resolved`;
  }
}
