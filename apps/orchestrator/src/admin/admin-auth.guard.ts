import { roleAllows } from '@btsx/contracts';
import { AppError } from '@btsx/platform';
import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AdminIdentity } from './admin-identity';
import { ADMIN_ROLE_REQUIREMENT, PUBLIC_ADMIN_ROUTE, RoleRequirement } from './admin-roles';
import { AdminPrincipal } from './admin-sessions.service';

type AdminRequest = Request & { admin?: AdminPrincipal };

/** The admin a guarded handler runs for. */
export const CurrentAdmin = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const admin = context.switchToHttp().getRequest<AdminRequest>().admin;
  if (!admin) throw new AppError(401, 'Sign in as an admin');
  return admin;
});

/**
 * Every admin route needs an admin (AdminIdentity: a bearer API token, or a session cookie
 * with its CSRF token on changes) holding the role the route names with @RequireRole. A
 * route that names none is refused to everyone: forgetting the decorator fails closed.
 * Which tenant's things the admin may touch is the route's service's to check (404 across
 * tenants, so another tenant's batch does not show it exists).
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    private readonly identity: AdminIdentity,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ADMIN_ROUTE, targets)) return true;
    const needed = this.reflector.getAllAndOverride<RoleRequirement>(
      ADMIN_ROLE_REQUIREMENT,
      targets,
    );
    const request = context.switchToHttp().getRequest<AdminRequest>();
    const admin = await this.identity.of(request);
    if (!admin) throw new AppError(401, 'Sign in as an admin');
    if (!this.identity.csrfAccepted(request, admin)) {
      throw new AppError(403, 'Missing or wrong CSRF token (X-XSRF-TOKEN)');
    }
    if (!needed) throw new AppError(403, 'This route is open to no role');
    if (!roleAllows(admin.role, needed.role)) {
      throw new AppError(403, `This needs the ${needed.role} role`);
    }
    if (needed.mspOnly && admin.tenantId !== null) {
      throw new AppError(403, 'Only an admin of the MSP, without a tenant, may do this');
    }
    request.admin = admin;
    return true;
  }
}
