import { ImapEndpoint, SUBJECTS } from '@btsx/contracts';
import {
  accountKey,
  admitAttempt,
  BusClient,
  clientAddress,
  ClientNetwork,
  clientNetwork,
  NATS_CONNECTION,
  rateLimitKey,
  SharedRateLimiter,
} from '@btsx/platform';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import { NatsConnection } from 'nats';
import { OrchestratorConfig } from '../orchestrator.config';

/**
 * Rate limits starting jobs (POST /api/jobs), each of which has workers sign in to two mail
 * servers and copy a mailbox: per client address, and per source account (its server,
 * resolved, and user name), counted across every orchestrator replica. Over either: 429 with
 * Retry-After. Batches start their jobs through the service, within the batch's own limits.
 */
@Injectable()
export class JobRateLimitGuard implements CanActivate {
  private readonly byClient: SharedRateLimiter;
  private readonly byAccount: SharedRateLimiter;
  private readonly network: ClientNetwork;

  constructor(
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    private readonly bus: BusClient,
  ) {
    const windowSeconds = config.JOB_WINDOW_SECONDS;
    this.byClient = new SharedRateLimiter(nc, {
      name: 'jobs-client',
      maxAttempts: config.JOBS_PER_CLIENT,
      windowSeconds,
    });
    this.byAccount = new SharedRateLimiter(nc, {
      name: 'jobs-account',
      maxAttempts: config.JOBS_PER_ACCOUNT,
      windowSeconds,
    });
    this.network = clientNetwork(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const client = await this.byClient.hit(rateLimitKey(clientAddress(request, this.network)));
    const source = await this.sourceAccountKey(request.body);
    const account = source === null ? null : await this.byAccount.hit(source);
    return admitAttempt(context, [client, account], 'jobs started');
  }

  /**
   * Where the source credential signs in to. Guards run before validation: an id that is no
   * UUID, or that auth does not know, gets no key (the job is refused anyway, unstarted).
   */
  private async sourceAccountKey(body: unknown): Promise<string | null> {
    const { sourceCredentialId } = (body ?? {}) as { sourceCredentialId?: unknown };
    if (typeof sourceCredentialId !== 'string' || !isUUID(sourceCredentialId)) return null;
    let source: ImapEndpoint;
    try {
      source = await this.bus.request(
        SUBJECTS.credentialDescribe,
        { credentialId: sourceCredentialId },
        this.config.AUTH_REQUEST_TIMEOUT_MS,
      );
    } catch {
      return null;
    }
    return accountKey(source);
  }
}
