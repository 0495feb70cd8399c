import { oauthFragment, OAuthRedirectResult, OAuthSide, OAUTH_SIDES } from '@btsx/contracts';

/** Long enough for any page path with a query; anything longer is not ours. */
const MAX_RETURN_TO_CHARS = 512;
export const DEFAULT_RETURN_TO = '/';

/**
 * A same-origin path, or null. Refuses absolute URLs, scheme-relative `//host` and the
 * `/\host` form browsers treat alike (an open redirect otherwise).
 */
export function safeReturnTo(value: unknown, publicUrl: string): string | null {
  if (typeof value !== 'string' || value.length > MAX_RETURN_TO_CHARS) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  const base = new URL(publicUrl);
  const url = new URL(value, base);
  if (url.origin !== base.origin) return null;
  // The fragment is ours to set.
  return `${url.pathname}${url.search}`;
}

export function parseSide(value: unknown): OAuthSide | null {
  return (OAUTH_SIDES as readonly unknown[]).includes(value) ? (value as OAuthSide) : null;
}

/** The absolute URL the browser is sent back to, carrying the result in its fragment. */
export function returnUrl(
  publicUrl: string,
  returnTo: string,
  result: OAuthRedirectResult,
): string {
  const url = new URL(returnTo, publicUrl);
  url.hash = oauthFragment(result);
  return url.toString();
}
