import { AdminRole, roleAllows } from '@btsx/contracts';
import { AppError, NotFoundError } from '@btsx/platform';
import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import { AdminIdentity, seesTenant } from '../admin';
import { NO_SUCH_JOB } from './job-commands.service';
import { JobStore } from './job-store';

export const TENANT_JOB_ROLE = 'btsx:tenant-job-role';

/**
 * A route of one job (`:id`) names the least role an admin needs when the job is a
 * tenant's (a batch's); JobAccessGuard checks it, and refuses a route that names none.
 */
export const TenantJobRole = (role: AdminRole) => SetMetadata(TENANT_JOB_ROLE, role);

/**
 * The one place that decides who may reach a job at /api/jobs/:id and its sub-routes.
 * A job without a tenant (started from the start page) keeps the bookmark model: knowing
 * its random id is the key. A tenant's job answers 404, as if unknown, unless the caller
 * is an admin (session cookie or bearer token) of that tenant or of the MSP; such an
 * admin then needs the route's role (403 below it) and, with a cookie, the CSRF token on a
 * change.
 */
@Injectable()
export class JobAccessGuard implements CanActivate {
  constructor(
    private readonly store: JobStore,
    private readonly identity: AdminIdentity,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const needed = this.reflector.get<AdminRole | undefined>(TENANT_JOB_ROLE, context.getHandler());
    if (!needed) throw new AppError(403, 'This route is open to no role');
    const request = context.switchToHttp().getRequest<Request>();
    const id = request.params.id;
    // An unknown or malformed id is the route's to answer: the same 404 as here.
    const tenantId = typeof id === 'string' && isUUID(id) ? await this.store.tenantOf(id) : null;
    if (tenantId === null) return true;
    const admin = await this.identity.of(request);
    if (!admin || !seesTenant(admin, tenantId)) throw new NotFoundError(NO_SUCH_JOB);
    if (!this.identity.csrfAccepted(request, admin)) {
      throw new AppError(403, 'Missing or wrong CSRF token (X-XSRF-TOKEN)');
    }
    if (!roleAllows(admin.role, needed)) throw new AppError(403, `This needs the ${needed} role`);
    return true;
  }
}
