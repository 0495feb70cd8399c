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
import { ActivityLog, ActivityOrigin, adminActor, adminTarget, RequestOrigin } from '../activity';
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
  constructor(
    private readonly accounts: AdminAccountsService,
    private readonly activity: ActivityLog,
  ) {}

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
  async changeRole(
    @Param('id') id: string,
    @Body() body: ChangeAdminRoleRequest,
    @CurrentAdmin() admin: AdminPrincipal,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<AdminUserView> {
    const changed = await this.accounts.changeRole(admin, id, body.role);
    await this.activity.record(origin, {
      action: 'admin.role-changed',
      target: adminTarget(changed.id, changed.email),
      tenantId: changed.tenantId,
      detail: { role: changed.role },
    });
    return changed;
  }

  @ApiOperation({ summary: 'Remove an admin or a pending invitation, its sessions and tokens' })
  @Delete('users/:id')
  @HttpCode(204)
  @RequireRole('owner')
  async remove(
    @Param('id') id: string,
    @CurrentAdmin() admin: AdminPrincipal,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<void> {
    const removed = await this.accounts.remove(admin, id);
    await this.activity.record(origin, {
      action: 'admin.removed',
      target: adminTarget(removed.id, removed.email),
      tenantId: removed.tenantId,
      detail: { role: removed.role },
    });
  }

  @ApiOperation({
    summary:
      'Invite an admin with a role and a tenant: answers a single-use token (7 days) to hand over',
  })
  @Post('invitations')
  @RequireRole('owner')
  async invite(
    @Body() body: InviteAdminRequest,
    @CurrentAdmin() admin: AdminPrincipal,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<InviteAdminResponse> {
    const invitation = await this.accounts.invite(admin, body);
    await this.activity.record(origin, {
      action: 'admin.invited',
      target: adminTarget(invitation.id, invitation.email),
      tenantId: invitation.tenantId,
      detail: { role: invitation.role, expiresAt: invitation.expiresAt },
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
