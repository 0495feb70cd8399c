import { ApiTokenCreated, ApiTokenView, CreateApiTokenRequest } from '@btsx/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActivityLog, ActivityOrigin, RequestOrigin, tokenTarget } from '../activity';
import { AdminAuthGuard, CurrentAdmin } from './admin-auth.guard';
import { AdminPrincipal, AdminSessionsService } from './admin-sessions.service';

@ApiTags('admin')
@ApiCookieAuth()
@ApiBearerAuth()
@Controller('api/admin/tokens')
@UseGuards(AdminAuthGuard)
export class AdminTokensController {
  constructor(
    private readonly sessions: AdminSessionsService,
    private readonly activity: ActivityLog,
  ) {}

  @ApiOperation({ summary: "The signed-in admin's API tokens (never the tokens themselves)" })
  @Get()
  list(@CurrentAdmin() admin: AdminPrincipal): Promise<ApiTokenView[]> {
    return this.sessions.listApiTokens(admin.adminId);
  }

  @ApiOperation({ summary: 'A new bearer token for automation, shown once' })
  @Post()
  async create(
    @Body() body: CreateApiTokenRequest,
    @CurrentAdmin() admin: AdminPrincipal,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<ApiTokenCreated> {
    const created = await this.sessions.createApiToken(admin.adminId, body.name);
    await this.activity.record(origin, {
      action: 'token.created',
      target: tokenTarget(created.id, created.name),
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
    const name = await this.sessions.revokeApiToken(admin.adminId, id);
    await this.activity.record(origin, {
      action: 'token.revoked',
      target: tokenTarget(id, name),
    });
  }
}
