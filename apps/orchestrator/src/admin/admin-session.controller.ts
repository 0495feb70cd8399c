import { AdminLoginRequest, AdminSessionView } from '@btsx/contracts';
import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ActivityLog, ActivityOrigin, adminActor, adminTarget, RequestOrigin } from '../activity';
import { AdminAccountsService, WrongLoginError } from './admin-accounts.service';
import { AdminAuthGuard, CurrentAdmin } from './admin-auth.guard';
import { clearSessionCookies, setSessionCookies } from './admin-cookies';
import { PublicAdminRoute, RequireRole } from './admin-roles';
import { AdminPrincipal, AdminSessionsService } from './admin-sessions.service';
import { AdminUserEntity } from './admin-user.entity';
import { LoginRateLimitGuard } from './login-rate-limit.guard';
import { TenantsService } from './tenants.service';

@ApiTags('admin')
@ApiCookieAuth()
@ApiBearerAuth()
@Controller('api/admin')
@UseGuards(AdminAuthGuard)
export class AdminSessionController {
  constructor(
    private readonly accounts: AdminAccountsService,
    private readonly sessions: AdminSessionsService,
    private readonly activity: ActivityLog,
    private readonly tenants: TenantsService,
  ) {}

  @ApiOperation({ summary: 'Sign in: sets the session cookie and the XSRF-TOKEN cookie' })
  @Post('login')
  @HttpCode(200)
  @PublicAdminRoute()
  @UseGuards(LoginRateLimitGuard)
  async login(
    @Body() body: AdminLoginRequest,
    @RequestOrigin() origin: ActivityOrigin,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AdminSessionView> {
    const admin = await this.signIn(body, origin);
    const session = await this.sessions.startSession(admin);
    await this.activity.record(
      { ...origin, actor: adminActor(admin) },
      {
        action: 'admin.signed-in',
        target: adminTarget(admin.id, admin.email),
        tenantId: admin.tenantId,
      },
    );
    setSessionCookies(req, res, session);
    const principal = { role: admin.role, tenantId: admin.tenantId };
    return {
      email: admin.email,
      csrfToken: session.csrfToken,
      ...principal,
      tenants: await this.tenants.list(principal),
    };
  }

  @ApiOperation({ summary: 'Sign out: ends the session' })
  @Post('logout')
  @HttpCode(204)
  @RequireRole('viewer')
  async logout(
    @CurrentAdmin() admin: AdminPrincipal,
    @RequestOrigin() origin: ActivityOrigin,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    if (admin.kind === 'session') {
      await this.sessions.end(admin.tokenId);
      await this.activity.record(origin, {
        action: 'admin.signed-out',
        target: adminTarget(admin.adminId, admin.email),
      });
    }
    clearSessionCookies(req, res);
  }

  @ApiOperation({
    summary: 'The signed-in admin: its role, its tenant (null: MSP) and the tenants it sees',
  })
  @Get('me')
  @RequireRole('viewer')
  async me(@CurrentAdmin() admin: AdminPrincipal): Promise<AdminSessionView> {
    return {
      email: admin.email,
      csrfToken: admin.csrfToken ?? '',
      role: admin.role,
      tenantId: admin.tenantId,
      tenants: await this.tenants.list(admin),
    };
  }

  /** A failed attempt is recorded with the address typed; the answer stays the same 401. */
  private async signIn(body: AdminLoginRequest, origin: ActivityOrigin): Promise<AdminUserEntity> {
    try {
      return await this.accounts.login(body.email, body.password);
    } catch (error) {
      if (error instanceof WrongLoginError) {
        await this.activity.record(origin, {
          action: 'admin.sign-in-failed',
          target: { type: 'admin', id: null, label: error.email },
        });
      }
      throw error;
    }
  }
}
