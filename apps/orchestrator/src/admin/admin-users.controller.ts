import {
  AcceptInviteRequest,
  AdminUserView,
  ChangeAdminRoleRequest,
  InviteAdminRequest,
  InviteAdminResponse,
  TenantFilterQuery,
} from '@btsx/contracts';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAccountsService } from './admin-accounts.service';
import { AdminAuthGuard, CurrentAdmin } from './admin-auth.guard';
import { PublicAdminRoute, RequireRole } from './admin-roles';
import { AdminPrincipal } from './admin-sessions.service';

/** Owners manage the admins of their tenant; an MSP owner those of every tenant and the MSP. */
@ApiTags('admin')
@ApiCookieAuth()
@ApiBearerAuth()
@Controller('api/admin')
@UseGuards(AdminAuthGuard)
export class AdminUsersController {
  constructor(private readonly accounts: AdminAccountsService) {}

  @ApiOperation({
    summary: "The admins the owner sees, invited ones included (?tenant=: one tenant's)",
  })
  @Get('users')
  @RequireRole('owner')
  list(
    @Query() query: TenantFilterQuery,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<AdminUserView[]> {
    return this.accounts.list(admin, query.tenant);
  }

  @ApiOperation({
    summary: "Change an admin's role (never above your own); its open sessions end",
  })
  @Patch('users/:id')
  @RequireRole('owner')
  changeRole(
    @Param('id') id: string,
    @Body() body: ChangeAdminRoleRequest,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<AdminUserView> {
    return this.accounts.changeRole(admin, id, body.role);
  }

  @ApiOperation({ summary: 'Remove an admin or a pending invitation, its sessions and tokens' })
  @Delete('users/:id')
  @HttpCode(204)
  @RequireRole('owner')
  remove(@Param('id') id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.accounts.remove(admin, id);
  }

  @ApiOperation({
    summary:
      'Invite an admin with a role and a tenant: answers a single-use token (7 days) to hand over',
  })
  @Post('invitations')
  @RequireRole('owner')
  invite(
    @Body() body: InviteAdminRequest,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<InviteAdminResponse> {
    return this.accounts.invite(admin, body);
  }

  @ApiOperation({ summary: 'Accept an invitation by choosing a password (no sign-in needed)' })
  @Post('invitations/accept')
  @HttpCode(204)
  @PublicAdminRoute()
  async accept(@Body() body: AcceptInviteRequest): Promise<void> {
    await this.accounts.acceptInvite(body.token, body.password);
  }
}
