import { NotFoundError } from '@btsx/platform';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AdminPrincipal, seesTenant } from '../admin';
import { BatchStore } from './batch-store';
import { NO_SUCH_BATCH, requireBatchId } from './batch-view.reader';

/**
 * A batch route's `:id` must name a batch of the admin's tenant (any, for an MSP admin):
 * another tenant's batch answers 404 like an unknown one, so its existence does not show.
 * Runs after AdminAuthGuard, which found the admin.
 */
@Injectable()
export class BatchTenantGuard implements CanActivate {
  constructor(private readonly store: BatchStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { admin?: AdminPrincipal }>();
    const id = request.params.id;
    if (id === undefined) return true;
    if (typeof id !== 'string') throw new NotFoundError(NO_SUCH_BATCH);
    const tenantId = await this.store.tenantOf(requireBatchId(id));
    if (!request.admin || tenantId === null || !seesTenant(request.admin, tenantId)) {
      throw new NotFoundError(NO_SUCH_BATCH);
    }
    return true;
  }
}
