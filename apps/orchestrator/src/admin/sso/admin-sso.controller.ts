import { ADMIN_SSO_ERROR_PARAM, AdminSsoInfo } from '@btsx/contracts';
import { readCookie } from '@btsx/platform';
import { Controller, Get, Inject, Logger, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ActivityLog,
  ActivityOrigin,
  adminActor,
  adminTarget,
  RequestOrigin,
} from '../../activity';
import { OrchestratorConfig } from '../../orchestrator.config';
import { AdminAuthGuard } from '../admin-auth.guard';
import { clearSsoCookie, setSessionCookies, setSsoCookie, SSO_COOKIE } from '../admin-cookies';
import { PublicAdminRoute } from '../admin-roles';
import { AdminSessionsService } from '../admin-sessions.service';
import { LoginRateLimitGuard } from '../login-rate-limit.guard';
import { AdminSsoService, SsoCallback, SsoRefusal } from './admin-sso.service';
import { PENDING_SIGN_IN_TTL_MS } from './sso-pending';

/** The browser's doors of admin single sign-on; start and callback answer with redirects. */
@ApiTags('admin')
@Controller('api/admin/sso')
@UseGuards(AdminAuthGuard)
export class AdminSsoController {
  private readonly logger = new Logger('AdminSso');

  constructor(
    private readonly sso: AdminSsoService,
    private readonly sessions: AdminSessionsService,
    private readonly activity: ActivityLog,
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
  ) {}

  @ApiOperation({ summary: 'Whether single sign-on is on, and its button label' })
  @Get()
  @PublicAdminRoute()
  info(): AdminSsoInfo {
    return this.sso.info();
  }

  @ApiOperation({ summary: 'Redirects to the identity provider (a page, not an API call)' })
  @Get('start')
  @PublicAdminRoute()
  async start(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const { url, cookie } = await this.sso.start();
      setSsoCookie(req, res, cookie, PENDING_SIGN_IN_TTL_MS);
      res.redirect(302, url);
    } catch (error) {
      this.refuse(error, res);
    }
  }

  @ApiOperation({
    summary: "The identity provider's redirect: signs the admin in and redirects to /admin",
  })
  @Get('callback')
  @PublicAdminRoute()
  // Counted with password sign-ins: each refusal is an activity row, which must not flood.
  @UseGuards(LoginRateLimitGuard)
  async callback(
    // The provider adds parameters of its own (iss, session_state, scope): only ours are read.
    @Query() query: Record<string, unknown>,
    @RequestOrigin() origin: ActivityOrigin,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    clearSsoCookie(req, res);
    try {
      const { admin, changed } = await this.sso.finish(
        callbackOf(query),
        readCookie(req, SSO_COOKIE),
      );
      const session = await this.sessions.startSession(admin);
      const actor = { ...origin, actor: adminActor(admin) };
      const target = adminTarget(admin.id, admin.email);
      const tenantId = admin.tenantId;
      if (changed) {
        await this.activity.record(actor, {
          action: 'admin.role-changed',
          target,
          tenantId,
          detail: { via: 'sso', role: admin.role },
        });
      }
      await this.activity.record(actor, {
        action: 'admin.signed-in',
        target,
        tenantId,
        detail: { via: 'sso' },
      });
      setSessionCookies(req, res, session);
      res.redirect(302, new URL('/admin', this.config.PUBLIC_URL).toString());
    } catch (error) {
      // With SSO off there was nothing to sign in to: not an admin's failed attempt.
      if (error instanceof SsoRefusal && error.code !== 'off') {
        await this.activity.record(origin, {
          action: 'admin.sign-in-failed',
          target: { type: 'admin', id: null, label: error.email ?? '(single sign-on)' },
          detail: { via: 'sso', reason: error.code },
        });
      }
      this.refuse(error, res);
    }
  }

  /** Back to the login page with the refusal's code; anything unexpected is rethrown. */
  private refuse(error: unknown, res: Response): void {
    if (!(error instanceof SsoRefusal)) throw error;
    this.logger.warn(`Single sign-on refused (${error.code}): ${error.why}`);
    const login = new URL('/admin/login', this.config.PUBLIC_URL);
    login.searchParams.set(ADMIN_SSO_ERROR_PARAM, error.code);
    res.redirect(302, login.toString());
  }
}

function callbackOf(query: Record<string, unknown>): SsoCallback {
  const text = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined);
  return { code: text('code'), state: text('state'), error: text('error') };
}
