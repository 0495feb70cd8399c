import type { ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { NatsConnection } from 'nats';
import { admitAttempt } from './admit-attempt';
import { clientAddress, clientBudgetAddress, type ClientNetwork } from './client-address';
import { rateLimitKey } from './rate-limit-keys';
import { SharedRateLimiter } from './shared-rate-limiter';

export interface ClientAndAccountLimit {
  /** Names both budgets: `<name>-client` and `<name>-account`. */
  name: string;
  perClient: number;
  perAccount: number;
  windowSeconds: number;
  /** In the 429's message: "Too many <what>". */
  what?: string;
}

/**
 * Two shared budgets for one kind of request: per client address (one client trying many
 * accounts) and per account (many addresses at one account), each counted across replicas.
 */
export class ClientAndAccountLimits {
  private readonly byClient: SharedRateLimiter;
  private readonly byAccount: SharedRateLimiter;

  constructor(
    nc: NatsConnection,
    private readonly network: ClientNetwork,
    private readonly limit: ClientAndAccountLimit,
  ) {
    const { name, perClient, perAccount, windowSeconds } = limit;
    this.byClient = new SharedRateLimiter(nc, {
      name: `${name}-client`,
      maxAttempts: perClient,
      windowSeconds,
    });
    this.byAccount = new SharedRateLimiter(nc, {
      name: `${name}-account`,
      maxAttempts: perAccount,
      windowSeconds,
    });
  }

  /**
   * Counts the request against both budgets (the account's only when `account` is a key):
   * true, or 429 with Retry-After.
   */
  async admit(context: ExecutionContext, account: Promise<string | null>): Promise<true> {
    const request = context.switchToHttp().getRequest<Request>();
    const client = clientBudgetAddress(clientAddress(request, this.network));
    const byClient = await this.byClient.hit(rateLimitKey(client));
    const key = await account;
    const byAccount = key === null ? null : await this.byAccount.hit(key);
    return admitAttempt(context, [byClient, byAccount], this.limit.what);
  }
}
