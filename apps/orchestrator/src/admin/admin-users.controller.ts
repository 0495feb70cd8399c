import {
  AcceptInviteRequest,
  AdminUserView,
  InviteAdminRequest,
  InviteAdminResponse,
} from '@btsx/contracts';
import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAccountsService } from './admin-accounts.service';
import { AdminAuthGuard, CurrentAdmin, PublicAdminRoute } from './admin-auth.guard';
import { AdminPrincipal } from './admin-sessions.service';

@ApiTags('admin')
@ApiCookieAuth()
@ApiBearerAuth()
@Controller('api/admin')
@UseGuards(AdminAuthGuard)
export class AdminUsersController {
  constructor(private readonly accounts: AdminAccountsService) {}

  @ApiOperation({ summary: 'Every admin, invited ones included' })
  @Get('users')
  list(): Promise<AdminUserView[]> {
    return this.accounts.list();
  }

  @ApiOperation({ summary: 'Invite an admin: answers a one-time token to hand over' })
  @Post('invitations')
  invite(
    @Body() body: InviteAdminRequest,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<InviteAdminResponse> {
    return this.accounts.invite(body.email, admin.adminId);
  }

  @ApiOperation({ summary: 'Accept an invitation by choosing a password (no sign-in needed)' })
  @Post('invitations/accept')
  @HttpCode(204)
  @PublicAdminRoute()
  async accept(@Body() body: AcceptInviteRequest): Promise<void> {
    await this.accounts.acceptInvite(body.token, body.password);
  }
}
