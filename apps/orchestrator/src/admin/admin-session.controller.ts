import { AdminLoginRequest, AdminSessionView } from '@btsx/contracts';
import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AdminAccountsService } from './admin-accounts.service';
import { AdminAuthGuard, CurrentAdmin, PublicAdminRoute } from './admin-auth.guard';
import { clearSessionCookies, setSessionCookies } from './admin-cookies';
import { AdminPrincipal, AdminSessionsService } from './admin-sessions.service';
import { LoginRateLimitGuard } from './login-rate-limit.guard';

@ApiTags('admin')
@ApiCookieAuth()
@ApiBearerAuth()
@Controller('api/admin')
@UseGuards(AdminAuthGuard)
export class AdminSessionController {
  constructor(
    private readonly accounts: AdminAccountsService,
    private readonly sessions: AdminSessionsService,
  ) {}

  @ApiOperation({ summary: 'Sign in: sets the session cookie and the XSRF-TOKEN cookie' })
  @Post('login')
  @HttpCode(200)
  @PublicAdminRoute()
  @UseGuards(LoginRateLimitGuard)
  async login(
    @Body() body: AdminLoginRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AdminSessionView> {
    const admin = await this.accounts.login(body.email, body.password);
    const session = await this.sessions.startSession(admin);
    setSessionCookies(req, res, session);
    return { email: admin.email, csrfToken: session.csrfToken };
  }

  @ApiOperation({ summary: 'Sign out: ends the session' })
  @Post('logout')
  @HttpCode(204)
  async logout(
    @CurrentAdmin() admin: AdminPrincipal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    if (admin.kind === 'session') await this.sessions.end(admin.tokenId);
    clearSessionCookies(req, res);
  }

  @ApiOperation({ summary: 'The signed-in admin (401 when nobody is)' })
  @Get('me')
  me(@CurrentAdmin() admin: AdminPrincipal): AdminSessionView {
    return { email: admin.email, csrfToken: admin.csrfToken ?? '' };
  }
}
