import {
  AcceptInviteRequest,
  AdminUserView,
  InviteAdminRequest,
  InviteAdminResponse,
} from '@btsx/contracts';
import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActivityLog, ActivityOrigin, adminActor, adminTarget, RequestOrigin } from '../activity';
import { AdminAccountsService } from './admin-accounts.service';
import { AdminAuthGuard, CurrentAdmin, PublicAdminRoute } from './admin-auth.guard';
import { AdminPrincipal } from './admin-sessions.service';

@ApiTags('admin')
@ApiCookieAuth()
@ApiBearerAuth()
@Controller('api/admin')
@UseGuards(AdminAuthGuard)
export class AdminUsersController {
  constructor(
    private readonly accounts: AdminAccountsService,
    private readonly activity: ActivityLog,
  ) {}

  @ApiOperation({ summary: 'Every admin, invited ones included' })
  @Get('users')
  list(): Promise<AdminUserView[]> {
    return this.accounts.list();
  }

  @ApiOperation({ summary: 'Invite an admin: answers a one-time token to hand over' })
  @Post('invitations')
  async invite(
    @Body() body: InviteAdminRequest,
    @CurrentAdmin() admin: AdminPrincipal,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<InviteAdminResponse> {
    const { invitation, adminId } = await this.accounts.invite(body.email, admin.adminId);
    await this.activity.record(origin, {
      action: 'admin.invited',
      target: adminTarget(adminId, invitation.email),
      detail: { expiresAt: invitation.expiresAt },
    });
    return invitation;
  }

  @ApiOperation({ summary: 'Accept an invitation by choosing a password (no sign-in needed)' })
  @Post('invitations/accept')
  @HttpCode(204)
  @PublicAdminRoute()
  async accept(
    @Body() body: AcceptInviteRequest,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<void> {
    const admin = await this.accounts.acceptInvite(body.token, body.password);
    await this.activity.record(
      { ...origin, actor: adminActor(admin) },
      { action: 'admin.invitation-accepted', target: adminTarget(admin.id, admin.email) },
    );
  }
}
