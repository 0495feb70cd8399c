import { VerifyImapRequest, VerifyImapResponse } from '@btsx/contracts';
import { ensureClientSession, secretDigest } from '@btsx/platform';
import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ImapVerifyService } from './imap-verify.service';
import { VerifyRateLimitGuard } from './verify-rate-limit.guard';

@Controller('api/auth/imap')
export class ImapVerifyController {
  constructor(private readonly verifier: ImapVerifyService) {}

  /**
   * Logs in for real, then stores the password encrypted; the body is validated globally.
   * The token it answers is good only from this client session (a new one is set as a
   * cookie when the request brought none).
   */
  @Post('verify')
  @HttpCode(200)
  @UseGuards(VerifyRateLimitGuard)
  verify(
    @Body() request: VerifyImapRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<VerifyImapResponse> {
    const session = ensureClientSession(req, res);
    return this.verifier.verify(request, secretDigest(session));
  }
}
