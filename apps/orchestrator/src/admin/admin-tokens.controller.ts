import {
  ApiTokenCreated,
  ApiTokenView,
  CreateApiTokenRequest,
  TenantFilterQuery,
} from '@btsx/contracts';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActivityLog, ActivityOrigin, RequestOrigin, tokenTarget } from '../activity';
import { AdminAuthGuard, CurrentAdmin } from './admin-auth.guard';
import { RequireRole } from './admin-roles';
import { AdminPrincipal } from './admin-sessions.service';
import { ApiTokensService } from './api-tokens.service';

@ApiTags('admin')
@ApiCookieAuth()
@ApiBearerAuth()
@Controller('api/admin/tokens')
@UseGuards(AdminAuthGuard)
@RequireRole('owner')
export class AdminTokensController {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly activity: ActivityLog,
  ) {}

  @ApiOperation({
    summary: "The API tokens the owner sees (never the tokens themselves; ?tenant=: one tenant's)",
  })
  @Get()
  list(
    @Query() query: TenantFilterQuery,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<ApiTokenView[]> {
    return this.tokens.list(admin, query.tenant);
  }

  @ApiOperation({
    summary: 'A new bearer token for automation with a role, a tenant and an expiry, shown once',
  })
  @Post()
  async create(
    @Body() body: CreateApiTokenRequest,
    @CurrentAdmin() admin: AdminPrincipal,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<ApiTokenCreated> {
    const created = await this.tokens.create(admin, body);
    await this.activity.record(origin, {
      action: 'token.created',
      target: tokenTarget(created.id, created.name),
      tenantId: created.tenantId,
      detail: { role: created.role },
    });
    return created;
  }

  @ApiOperation({ summary: 'Revoke an API token' })
  @Delete(':id')
  @HttpCode(204)
  async revoke(
    @Param('id') id: string,
    @CurrentAdmin() admin: AdminPrincipal,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<void> {
    const { name, tenantId } = await this.tokens.revoke(admin, id);
    await this.activity.record(origin, {
      action: 'token.revoked',
      target: tokenTarget(id, name),
      tenantId,
    });
  }
}
