import { CanActivate, Injectable } from '@nestjs/common';

/**
 * The seam for rate limiting IMAP verification (password guessing through us, and load on
 * third-party servers). It lets everything through for now; the limiter goes here, keyed
 * by client address and by host+username, and refuses with AppError(429, ...).
 */
@Injectable()
export class VerifyRateLimitGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}
