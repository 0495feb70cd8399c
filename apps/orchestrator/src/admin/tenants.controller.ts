import { CreateTenantRequest, TenantView, UpdateTenantRequest } from '@btsx/contracts';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ActivityDetail,
  ActivityLog,
  ActivityOrigin,
  RequestOrigin,
  tenantTarget,
} from '../activity';
import { AdminAuthGuard, CurrentAdmin } from './admin-auth.guard';
import { RequireRole } from './admin-roles';
import { AdminPrincipal } from './admin-sessions.service';
import { TenantsService } from './tenants.service';

/** The MSP's customers: seen by their own admins, managed by MSP owners. */
@ApiTags('admin')
@ApiCookieAuth()
@ApiBearerAuth()
@Controller('api/admin/tenants')
@UseGuards(AdminAuthGuard)
export class TenantsController {
  constructor(
    private readonly tenants: TenantsService,
    private readonly activity: ActivityLog,
  ) {}

  @ApiOperation({ summary: 'The tenants the admin sees (an MSP admin: all), by name' })
  @Get()
  @RequireRole('viewer')
  list(@CurrentAdmin() admin: AdminPrincipal): Promise<TenantView[]> {
    return this.tenants.list(admin);
  }

  @ApiOperation({ summary: 'A new tenant (MSP owners)' })
  @Post()
  @RequireRole('owner', { mspOnly: true })
  async create(
    @Body() body: CreateTenantRequest,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<TenantView> {
    const created = await this.tenants.create(body);
    await this.record(origin, 'tenant.created', created, { concurrency: created.concurrency });
    return created;
  }

  @ApiOperation({
    summary: 'Rename a tenant or change its share of the scheduler (MSP owners; null: default)',
  })
  @Patch(':id')
  @RequireRole('owner', { mspOnly: true })
  async update(
    @Param('id') id: string,
    @Body() body: UpdateTenantRequest,
    @CurrentAdmin() admin: AdminPrincipal,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<TenantView> {
    const changed = await this.tenants.update(admin, id, body);
    await this.record(origin, 'tenant.changed', changed, { ...body });
    return changed;
  }

  @ApiOperation({
    summary:
      'Delete a tenant, its admins and tokens and its finished jobs (MSP owners; 409 while it has batches or running jobs)',
  })
  @Delete(':id')
  @HttpCode(204)
  @RequireRole('owner', { mspOnly: true })
  async delete(
    @Param('id') id: string,
    @CurrentAdmin() admin: AdminPrincipal,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<void> {
    await this.record(origin, 'tenant.deleted', await this.tenants.delete(admin, id));
  }

  private record(
    origin: ActivityOrigin,
    action: 'tenant.created' | 'tenant.changed' | 'tenant.deleted',
    tenant: TenantView,
    detail?: ActivityDetail,
  ): Promise<void> {
    const target = tenantTarget(tenant.id, tenant.name);
    return this.activity.record(origin, { action, target, tenantId: tenant.id, detail });
  }
}
