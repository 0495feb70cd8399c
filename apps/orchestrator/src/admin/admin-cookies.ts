import type { CookieOptions, Request, Response } from 'express';
import { StartedSession } from './admin-sessions.service';

/** The session token: httpOnly, so no script (and no XSS) can read it. */
export const SESSION_COOKIE = 'btsx_admin';
/** Angular's HttpClient reads this cookie and echoes it as X-XSRF-TOKEN on every change. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';
/** A single sign-on under way (state, nonce, PKCE verifier), sealed; see sso-pending.ts. */
export const SSO_COOKIE = 'btsx_sso';
const SSO_COOKIE_PATH = '/api/admin/sso';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Browsers accept Secure cookies over plain HTTP only from localhost: require TLS elsewhere. */
function baseOptions(request: Request): CookieOptions {
  return { secure: !LOCAL_HOSTS.has(request.hostname), sameSite: 'strict', path: '/' };
}

export function setSessionCookies(req: Request, res: Response, session: StartedSession): void {
  const options = { ...baseOptions(req), expires: session.expiresAt };
  res.cookie(SESSION_COOKIE, session.token, { ...options, httpOnly: true });
  res.cookie(CSRF_COOKIE, session.csrfToken, options);
}

export function clearSessionCookies(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { ...baseOptions(req), httpOnly: true });
  res.clearCookie(CSRF_COOKIE, baseOptions(req));
}

/**
 * SameSite=Lax, not Strict: the provider sends the browser back with a cross-site top-level
 * GET, which a Strict cookie would miss. Only the SSO routes ever see it.
 */
export function setSsoCookie(req: Request, res: Response, value: string, maxAgeMs: number): void {
  res.cookie(SSO_COOKIE, value, { ...ssoOptions(req), maxAge: maxAgeMs });
}

export function clearSsoCookie(req: Request, res: Response): void {
  res.clearCookie(SSO_COOKIE, ssoOptions(req));
}

function ssoOptions(req: Request): CookieOptions {
  return { ...baseOptions(req), sameSite: 'lax', httpOnly: true, path: SSO_COOKIE_PATH };
}
