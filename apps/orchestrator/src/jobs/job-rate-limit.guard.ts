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

/** What a limit counts, in the words of its 429: a name for its buckets and a phrase. */
interface Counted {
  name: string;
  what: string;
}

/**
 * Rate limits work that has workers sign in to two mail servers on a client's credential
 * tokens: per client address, and per source account (its server, resolved, and user name),
 * counted across every orchestrator replica. Over either: 429 with Retry-After.
 */
abstract class SourceAccountRateLimit implements CanActivate {
  private readonly limits: ClientAndAccountLimits;

  constructor(
    private readonly config: OrchestratorConfig,
    nc: NatsConnection,
    private readonly bus: BusClient,
    counted: Counted,
  ) {
    this.limits = new ClientAndAccountLimits(nc, clientNetwork(config), {
      ...counted,
      perClient: config.JOBS_PER_CLIENT,
      perAccount: config.JOBS_PER_ACCOUNT,
      windowSeconds: config.JOB_WINDOW_SECONDS,
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

/**
 * Starting jobs (POST /api/jobs, a restart, a Verify of a job), each of which copies or
 * compares a mailbox. Batches start their jobs through the service, within the batch's own
 * limits.
 */
@Injectable()
export class JobRateLimitGuard extends SourceAccountRateLimit {
  constructor(
    @Inject(OrchestratorConfig) config: OrchestratorConfig,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    bus: BusClient,
  ) {
    super(config, nc, bus, { name: 'jobs', what: 'jobs started or verified' });
  }
}

/** Previewing plans (POST /api/plans), each of which lists both mailboxes, with its own count. */
@Injectable()
export class PlanRateLimitGuard extends SourceAccountRateLimit {
  constructor(
    @Inject(OrchestratorConfig) config: OrchestratorConfig,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    bus: BusClient,
  ) {
    super(config, nc, bus, { name: 'plans', what: 'plans previewed' });
  }
}
