import { ImapEndpoint, SUBJECTS } from '@btsx/contracts';
import {
  accountKey,
  BusClient,
  ClientAndAccountLimits,
  clientNetwork,
  NATS_CONNECTION,
} from '@btsx/platform';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
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
    return this.limits.admit(context, this.sourceAccountKey(request.body));
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
