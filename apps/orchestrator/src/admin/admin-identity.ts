import { readCookie } from '@btsx/platform';
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { CSRF_HEADER, SESSION_COOKIE } from './admin-cookies';
import { AdminPrincipal, AdminSessionsService } from './admin-sessions.service';
import { sameSecret } from './secret-tokens';

/** Requests that change nothing: no CSRF token needed. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The admin a request comes from: a bearer API token (automation), or a session cookie.
 * A cookie alone is what a forged cross-site request carries, so a state-changing request
 * of a session must also bring the session's CSRF token in X-XSRF-TOKEN (`csrfAccepted`).
 */
@Injectable()
export class AdminIdentity {
  constructor(private readonly sessions: AdminSessionsService) {}

  /** null when the request carries no admin's valid token. */
  async of(request: Request): Promise<AdminPrincipal | null> {
    const bearer = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) return this.sessions.authenticate(bearer, 'api');
    const cookie = readCookie(request, SESSION_COOKIE);
    return cookie ? this.sessions.authenticate(cookie, 'session') : null;
  }

  csrfAccepted(request: Request, admin: AdminPrincipal): boolean {
    if (admin.kind === 'api' || SAFE_METHODS.has(request.method)) return true;
    const sent = request.headers[CSRF_HEADER];
    return typeof sent === 'string' && !!admin.csrfToken && sameSecret(sent, admin.csrfToken);
  }
}
