import { AppError } from '@btsx/platform';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';

/** Attempts per account per window: plenty for a person, hopeless for a password guesser. */
export const MAX_LOGIN_ATTEMPTS = 10;
const WINDOW_MS = 15 * 60_000;

interface Window {
  startedAt: number;
  attempts: number;
}

/**
 * Refuses with 429 once an email address had MAX_LOGIN_ATTEMPTS sign-in attempts in the
 * window. Keyed by the account guessed at rather than the client address, which behind
 * the gateway is the gateway's. Per process: each replica counts its own attempts.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, Window>();

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const body = request.body as { email?: unknown } | undefined;
    const key = String(body?.email ?? '')
      .trim()
      .toLowerCase();
    const now = Date.now();
    this.forgetOld(now);
    const window = this.windows.get(key) ?? { startedAt: now, attempts: 0 };
    window.attempts += 1;
    this.windows.set(key, window);
    if (window.attempts > MAX_LOGIN_ATTEMPTS) {
      const retryAfter = Math.ceil((window.startedAt + WINDOW_MS - now) / 1000);
      context.switchToHttp().getResponse().setHeader('Retry-After', String(retryAfter));
      throw new AppError(429, 'Too many sign-in attempts; try again later');
    }
    return true;
  }

  private forgetOld(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= WINDOW_MS) this.windows.delete(key);
    }
  }
}
