import {
  admitAttempt,
  clientAddress,
  clientBudgetAddress,
  ClientNetwork,
  clientNetwork,
  NATS_CONNECTION,
  normalisedUsername,
  rateLimitKey,
  SharedRateLimiter,
} from '@btsx/platform';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { NatsConnection } from 'nats';
import { OrchestratorConfig } from '../orchestrator.config';

/** Attempts per account from one address per window: plenty for a person, hopeless for a guesser. */
export const MAX_LOGIN_ATTEMPTS = 10;
/** Attempts per client address, whichever accounts: a few admins behind one NAT. */
export const MAX_LOGIN_ATTEMPTS_PER_CLIENT = 50;
const WINDOW_SECONDS = 15 * 60;

/**
 * Refuses admin sign-in with 429 once one client address tried one email address
 * MAX_LOGIN_ATTEMPTS times in the window, or tried MAX_LOGIN_ATTEMPTS_PER_CLIENT times in
 * all, counted across every orchestrator replica. Never per email address alone: whoever
 * knows an admin's address could then lock that admin out.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly byAccountAndClient: SharedRateLimiter;
  private readonly byClient: SharedRateLimiter;
  private readonly network: ClientNetwork;

  constructor(
    @Inject(OrchestratorConfig) config: OrchestratorConfig,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
  ) {
    this.byAccountAndClient = new SharedRateLimiter(nc, {
      name: 'admin-login-account',
      maxAttempts: MAX_LOGIN_ATTEMPTS,
      windowSeconds: WINDOW_SECONDS,
    });
    this.byClient = new SharedRateLimiter(nc, {
      name: 'admin-login-client',
      maxAttempts: MAX_LOGIN_ATTEMPTS_PER_CLIENT,
      windowSeconds: WINDOW_SECONDS,
    });
    this.network = clientNetwork(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const client = clientBudgetAddress(clientAddress(request, this.network));
    const { email } = (request.body ?? {}) as { email?: unknown };
    // An email the API would refuse gets no key of its own: validation answers it, unchecked.
    const account = normalisedUsername(email);
    return admitAttempt(context, [
      await this.byClient.hit(rateLimitKey(client)),
      account === null ? null : await this.byAccountAndClient.hit(rateLimitKey(client, account)),
    ]);
  }
}
