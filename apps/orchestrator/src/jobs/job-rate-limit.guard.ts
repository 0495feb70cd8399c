import { CREDENTIAL_TOKEN_PATTERN, ImapEndpoint, SUBJECTS } from '@btsx/contracts';
import {
  accountKey,
  BusClient,
  ClientAndAccountLimits,
  clientNetwork,
  clientSessionDigest,
  NATS_CONNECTION,
} from '@btsx/platform';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { NatsConnection } from 'nats';
import { OrchestratorConfig } from '../orchestrator.config';

/**
 * Rate limits starting jobs (POST /api/jobs, a restart, a Verify of a job), each of which has workers sign in to two mail
 * servers and copy a mailbox: per client address, and per source account (its server,
 * resolved, and user name), counted across every orchestrator replica. Over either: 429 with
 * Retry-After. Batches start their jobs through the service, within the batch's own limits.
 */
@Injectable()
export class JobRateLimitGuard implements CanActivate {
  private readonly limits: ClientAndAccountLimits;

  constructor(
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    private readonly bus: BusClient,
  ) {
    this.limits = new ClientAndAccountLimits(nc, clientNetwork(config), {
      name: 'jobs',
      perClient: config.JOBS_PER_CLIENT,
      perAccount: config.JOBS_PER_ACCOUNT,
      windowSeconds: config.JOB_WINDOW_SECONDS,
      what: 'jobs started or verified',
    });
  }

  canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    return this.limits.admit(context, this.sourceAccountKey(request));
  }

  /**
   * Where the source credential signs in to. Guards run before validation: a token that is
   * malformed, or that this client's session could not claim, gets no key (the job is
   * refused anyway, unstarted).
   */
  private async sourceAccountKey(request: Request): Promise<string | null> {
    const { sourceCredentialId: token } = (request.body ?? {}) as { sourceCredentialId?: unknown };
    const session = clientSessionDigest(request);
    if (typeof token !== 'string' || !CREDENTIAL_TOKEN_PATTERN.test(token) || !session) {
      return null;
    }
    let source: ImapEndpoint;
    try {
      source = await this.bus.request(
        SUBJECTS.credentialDescribe,
        { token, side: 'source', session },
        this.config.AUTH_REQUEST_TIMEOUT_MS,
      );
    } catch {
      return null;
    }
    return accountKey(source);
  }
}
