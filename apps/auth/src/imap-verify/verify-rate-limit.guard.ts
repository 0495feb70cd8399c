import { DEFAULT_PORT, IMAP_SECURITY, ImapSecurity } from '@btsx/contracts';
import {
  accountKey,
  admitAttempt,
  clientAddress,
  ClientNetwork,
  clientNetwork,
  NATS_CONNECTION,
  rateLimitKey,
  SharedRateLimiter,
} from '@btsx/platform';
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
  private readonly byClient: SharedRateLimiter;
  private readonly byAccount: SharedRateLimiter;
  private readonly network: ClientNetwork;

  constructor(
    @Inject(AUTH_CONFIG) config: AuthConfig,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
  ) {
    const windowSeconds = config.VERIFY_WINDOW_SECONDS;
    this.byClient = new SharedRateLimiter(nc, {
      name: 'verify-client',
      maxAttempts: config.VERIFY_ATTEMPTS_PER_CLIENT,
      windowSeconds,
    });
    this.byAccount = new SharedRateLimiter(nc, {
      name: 'verify-account',
      maxAttempts: config.VERIFY_ATTEMPTS_PER_ACCOUNT,
      windowSeconds,
    });
    this.network = clientNetwork(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const client = await this.byClient.hit(rateLimitKey(clientAddress(request, this.network)));
    const account = await verifiedAccountKey(request.body);
    const byAccount = account === null ? null : await this.byAccount.hit(account);
    return admitAttempt(context, [client, byAccount]);
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
