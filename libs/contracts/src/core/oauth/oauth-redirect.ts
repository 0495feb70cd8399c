import { OAUTH_SIDES, OAuthSide } from './oauth-provider';

/**
 * How GET /api/auth/oauth/:provider/callback reports back to the page that started the
 * flow: a redirect to its `returnTo` path with one of these fragments. A fragment never
 * reaches a server log or a Referer header, and the credential id is useless without
 * the service. Each part is encodeURIComponent-encoded.
 *
 *   #oauth=<side>:<credentialId>:<email>
 *   #oauthError=<side>:<message>     (side is empty when the flow could not be identified)
 */
export const OAUTH_SUCCESS_FRAGMENT = 'oauth';
export const OAUTH_ERROR_FRAGMENT = 'oauthError';

export type OAuthRedirectResult =
  | { ok: true; side: OAuthSide; credentialId: string; email: string }
  | { ok: false; side: OAuthSide | ''; message: string };

/** The fragment (without '#') for a result. */
export function oauthFragment(result: OAuthRedirectResult): string {
  const parts = result.ok
    ? [OAUTH_SUCCESS_FRAGMENT, [result.side, result.credentialId, result.email]]
    : [OAUTH_ERROR_FRAGMENT, [result.side, result.message]];
  const [key, values] = parts as [string, string[]];
  return `${key}=${values.map(encodeURIComponent).join(':')}`;
}

/**
 * Reads a fragment (with or without '#') back; null when it is not an OAuth result (another
 * fragment, an unknown side, an empty part, a broken %-escape).
 */
export function parseOAuthFragment(fragment: string): OAuthRedirectResult | null {
  const text = fragment.replace(/^#/, '');
  const equals = text.indexOf('=');
  if (equals < 0) return null;
  const key = text.slice(0, equals);
  let values: string[];
  try {
    values = text
      .slice(equals + 1)
      .split(':')
      .map((part) => decodeURIComponent(part));
  } catch {
    return null;
  }
  if (key === OAUTH_SUCCESS_FRAGMENT && values.length === 3 && isSide(values[0])) {
    const [side, credentialId, email] = values;
    if (credentialId && email) return { ok: true, side, credentialId, email };
  }
  if (key === OAUTH_ERROR_FRAGMENT && values.length === 2) {
    const [side, message] = values;
    if (side === '' || isSide(side)) return { ok: false, side, message };
  }
  return null;
}

function isSide(value: string): value is OAuthSide {
  return (OAUTH_SIDES as readonly string[]).includes(value);
}
