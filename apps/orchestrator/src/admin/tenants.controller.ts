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
  constructor(private readonly tenants: TenantsService) {}

  @ApiOperation({ summary: 'The tenants the admin sees (an MSP admin: all), by name' })
  @Get()
  @RequireRole('viewer')
  list(@CurrentAdmin() admin: AdminPrincipal): Promise<TenantView[]> {
    return this.tenants.list(admin);
  }

  @ApiOperation({ summary: 'A new tenant (MSP owners)' })
  @Post()
  @RequireRole('owner', { mspOnly: true })
  create(@Body() body: CreateTenantRequest): Promise<TenantView> {
    return this.tenants.create(body);
  }

  @ApiOperation({
    summary: 'Rename a tenant or change its share of the scheduler (MSP owners; null: default)',
  })
  @Patch(':id')
  @RequireRole('owner', { mspOnly: true })
  update(
    @Param('id') id: string,
    @Body() body: UpdateTenantRequest,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<TenantView> {
    return this.tenants.update(admin, id, body);
  }

  @ApiOperation({
    summary:
      'Delete a tenant, its admins and tokens and its finished jobs (MSP owners; 409 while it has batches or running jobs)',
  })
  @Delete(':id')
  @HttpCode(204)
  @RequireRole('owner', { mspOnly: true })
  delete(@Param('id') id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.tenants.delete(admin, id);
  }
}
