import { ClaimedAccounts, CredentialOwner, CredentialPair, SUBJECTS } from '@btsx/contracts';
import { AppError, BusClient, clientSessionDigest, RemoteError } from '@btsx/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { OrchestratorConfig } from '../orchestrator.config';

/** auth answers this kind when a token or credential cannot be had (its message says which). */
export const CREDENTIAL_NOT_FOUND = 'credential_not_found';

/** How a new job (or audit) gets logins of its own at auth, before anything is stored. */
export type LoginClaim = (owner: CredentialOwner) => Promise<ClaimedAccounts>;

/**
 * Makes logins a job's (or an audit's) own at auth: a client's two credential tokens, or a
 * batch line's held credentials. Answers where the accounts are, never their secrets.
 */
@Injectable()
export class AccountClaims {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly bus: BusClient,
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
  ) {}

  /**
   * The client's tokens, claimed from the session its request comes from (its cookie's
   * digest). 400 when either cannot be (unknown, used, another session's or side's; both
   * without a session), 503 when auth is down.
   */
  ofClient(tokens: CredentialPair, request: Request): LoginClaim {
    const session = clientSessionDigest(request);
    return (owner) => {
      if (!session) throw new AppError(400, 'Both accounts must authenticate again');
      return this.ask('claiming', () =>
        this.bus.request(
          SUBJECTS.credentialClaim,
          {
            owner,
            session,
            source: tokens.sourceCredentialId,
            destination: tokens.destinationCredentialId,
          },
          this.config.AUTH_REQUEST_TIMEOUT_MS,
        ),
      );
    };
  }

  /** Copies of a batch line's held credentials (their ids never leave the orchestrator). */
  ofBatchLine(held: { source: string; destination: string }): LoginClaim {
    return (owner) =>
      this.ask('copying held', () =>
        this.bus.request(
          SUBJECTS.credentialCopy,
          { owner, ...held },
          this.config.AUTH_REQUEST_TIMEOUT_MS,
        ),
      );
  }

  private async ask(what: string, request: () => Promise<ClaimedAccounts>) {
    try {
      return await request();
    } catch (error) {
      if (error instanceof RemoteError && error.kind === CREDENTIAL_NOT_FOUND) {
        throw new AppError(400, error.message);
      }
      this.logger.warn(`${what} credentials failed: ${String(error)}`);
      throw new AppError(503, 'The account service is not answering; try again shortly');
    }
  }
}
