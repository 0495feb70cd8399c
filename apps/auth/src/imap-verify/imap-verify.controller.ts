import { VerifyImapRequest, VerifyImapResponse } from '@btsx/contracts';
import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ImapVerifyService } from './imap-verify.service';
import { VerifyRateLimitGuard } from './verify-rate-limit.guard';

@Controller('api/auth/imap')
export class ImapVerifyController {
  constructor(private readonly verifier: ImapVerifyService) {}

  /** Logs in for real, then stores the password encrypted; the body is validated globally. */
  @Post('verify')
  @HttpCode(200)
  @UseGuards(VerifyRateLimitGuard)
  verify(@Body() request: VerifyImapRequest): Promise<VerifyImapResponse> {
    return this.verifier.verify(request);
  }
}
