import { AttemptLimiter, admitAttempt } from '@btsx/platform';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';

/** Attempts per account per window: plenty for a person, hopeless for a password guesser. */
export const MAX_LOGIN_ATTEMPTS = 10;
const WINDOW_MS = 15 * 60_000;

/**
 * Refuses with 429 once an email address had MAX_LOGIN_ATTEMPTS sign-in attempts in the
 * window. Keyed by the account guessed at rather than the client address, which behind
 * the gateway is the gateway's.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly byAccount = new AttemptLimiter(MAX_LOGIN_ATTEMPTS, WINDOW_MS);

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const { email } = (request.body ?? {}) as { email?: unknown };
    const account = String(email ?? '')
      .trim()
      .toLowerCase();
    return admitAttempt(context, [this.byAccount.hit(account)]);
  }
}
