import { ApiTokenCreated, ApiTokenView, CreateApiTokenRequest } from '@btsx/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuthGuard, CurrentAdmin } from './admin-auth.guard';
import { AdminPrincipal, AdminSessionsService } from './admin-sessions.service';

@ApiTags('admin')
@ApiCookieAuth()
@ApiBearerAuth()
@Controller('api/admin/tokens')
@UseGuards(AdminAuthGuard)
export class AdminTokensController {
  constructor(private readonly sessions: AdminSessionsService) {}

  @ApiOperation({ summary: "The signed-in admin's API tokens (never the tokens themselves)" })
  @Get()
  list(@CurrentAdmin() admin: AdminPrincipal): Promise<ApiTokenView[]> {
    return this.sessions.listApiTokens(admin.adminId);
  }

  @ApiOperation({ summary: 'A new bearer token for automation, shown once' })
  @Post()
  create(
    @Body() body: CreateApiTokenRequest,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<ApiTokenCreated> {
    return this.sessions.createApiToken(admin.adminId, body.name);
  }

  @ApiOperation({ summary: 'Revoke an API token' })
  @Delete(':id')
  @HttpCode(204)
  revoke(@Param('id') id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.sessions.revokeApiToken(admin.adminId, id);
  }
}
