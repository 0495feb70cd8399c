import { AttemptLimiter, admitAttempt } from '@btsx/platform';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { BlockList } from 'node:net';
import { AuthConfig } from '../config/auth-config';
import { AUTH_CONFIG } from '../config/auth-config.token';
import { clientAddress, trustedProxies } from './client-address';

/**
 * Rate limits IMAP verification, which checks a password against a real server: per
 * client address (one guesser trying many accounts) and per account (many addresses
 * guessing one). Over either limit: 429 with Retry-After, before any server is asked.
 */
@Injectable()
export class VerifyRateLimitGuard implements CanActivate {
  private readonly byClient: AttemptLimiter;
  private readonly byAccount: AttemptLimiter;
  private readonly proxies: BlockList;

  constructor(@Inject(AUTH_CONFIG) config: AuthConfig) {
    const windowMs = config.VERIFY_WINDOW_SECONDS * 1000;
    this.byClient = new AttemptLimiter(config.VERIFY_ATTEMPTS_PER_CLIENT, windowMs);
    this.byAccount = new AttemptLimiter(config.VERIFY_ATTEMPTS_PER_ACCOUNT, windowMs);
    this.proxies = trustedProxies(config.TRUSTED_PROXIES);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    return admitAttempt(context, [
      this.byClient.hit(clientAddress(request, this.proxies)),
      this.byAccount.hit(accountKey(request.body)),
    ]);
  }
}

/** Host and user name as servers compare them; the body is not validated yet (guards run first). */
function accountKey(body: unknown): string {
  const { host, username } = (body ?? {}) as { host?: unknown; username?: unknown };
  const text = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : '');
  return `${text(host)}\n${text(username)}`;
}
