import { DEFAULT_PORT, IMAP_SECURITY, ImapSecurity } from '@btsx/contracts';
import { accountKey, ClientAndAccountLimits, clientNetwork, NATS_CONNECTION } from '@btsx/platform';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { NatsConnection } from 'nats';
import { AuthConfig } from '../config/auth-config';
import { AUTH_CONFIG } from '../config/auth-config.token';

/**
 * Rate limits IMAP verification, which checks a password against a real server: per
 * client address (one guesser trying many accounts) and per account (many addresses
 * guessing one), counted across every auth replica. Over either limit: 429 with
 * Retry-After, before any server is asked.
 */
@Injectable()
export class VerifyRateLimitGuard implements CanActivate {
  private readonly limits: ClientAndAccountLimits;

  constructor(
    @Inject(AUTH_CONFIG) config: AuthConfig,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
  ) {
    this.limits = new ClientAndAccountLimits(nc, clientNetwork(config), {
      name: 'verify',
      perClient: config.VERIFY_ATTEMPTS_PER_CLIENT,
      perAccount: config.VERIFY_ATTEMPTS_PER_ACCOUNT,
      windowSeconds: config.VERIFY_WINDOW_SECONDS,
    });
  }

  canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    return this.limits.admit(context, verifiedAccountKey(request.body));
  }
}

/**
 * The account a verification would sign in to. Guards run before validation: a body that
 * names no server and user name the API accepts gets no key (validation refuses it before
 * any password is checked), and nothing of the body is kept but a hash.
 */
function verifiedAccountKey(body: unknown): Promise<string | null> {
  const { host, port, security, username } = (body ?? {}) as Record<string, unknown>;
  if (!IMAP_SECURITY.includes(security as ImapSecurity)) return Promise.resolve(null);
  const validPort = Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65535;
  const serverPort = validPort ? (port as number) : DEFAULT_PORT[security as ImapSecurity];
  return accountKey({ host, port: serverPort, username });
}
