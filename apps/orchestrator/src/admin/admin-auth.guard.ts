import { AppError, readCookie } from '@btsx/platform';
import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { CSRF_HEADER, SESSION_COOKIE } from './admin-cookies';
import { AdminPrincipal, AdminSessionsService } from './admin-sessions.service';
import { sameSecret } from './secret-tokens';

const PUBLIC_ROUTE = 'btsx:admin-public';
/** Requests that change nothing: no CSRF token needed. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Marks an admin route anyone may call (login, accepting an invitation). */
export const PublicAdminRoute = () => SetMetadata(PUBLIC_ROUTE, true);

type AdminRequest = Request & { admin?: AdminPrincipal };

/** The admin a guarded handler runs for. */
export const CurrentAdmin = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const admin = context.switchToHttp().getRequest<AdminRequest>().admin;
  if (!admin) throw new AppError(401, 'Sign in as an admin');
  return admin;
});

/**
 * Every admin route needs an admin: a bearer API token (automation), or a session cookie
 * plus, on a state-changing request, the session's CSRF token in X-XSRF-TOKEN. A cookie
 * alone is what a forged cross-site request carries, so it is not enough to change anything.
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    private readonly sessions: AdminSessionsService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler()])) {
      return true;
    }
    const request = context.switchToHttp().getRequest<AdminRequest>();
    request.admin = await this.principal(request);
    return true;
  }

  private async principal(request: Request): Promise<AdminPrincipal> {
    const bearer = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) return this.require(await this.sessions.authenticate(bearer, 'api'));
    const cookie = readCookie(request, SESSION_COOKIE);
    const session = this.require(
      cookie ? await this.sessions.authenticate(cookie, 'session') : null,
    );
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !session.csrfToken || !sameSecret(sent, session.csrfToken)) {
        throw new AppError(403, 'Missing or wrong CSRF token (X-XSRF-TOKEN)');
      }
    }
    return session;
  }

  private require(principal: AdminPrincipal | null): AdminPrincipal {
    if (!principal) throw new AppError(401, 'Sign in as an admin');
    return principal;
  }
}
