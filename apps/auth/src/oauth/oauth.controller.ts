import { OAuthProviderInfo } from '@btsx/contracts';
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OAuthFlowService } from './oauth-flow.service';

/** The browser's OAuth doors; start and callback always answer with a redirect. */
@Controller('api/auth/oauth')
export class OAuthController {
  constructor(private readonly flows: OAuthFlowService) {}

  @Get('providers')
  providers(): OAuthProviderInfo[] {
    return this.flows.providers();
  }

  @Get(':provider/start')
  start(
    @Param('provider') provider: string,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.flows.start(provider, query, req, res);
  }

  @Get(':provider/callback')
  callback(
    @Param('provider') provider: string,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.flows.callback(provider, query, req, res);
  }
}
