import {
  ClaimedAccounts,
  CredentialOwner,
  CredentialPair,
  HeldAccounts,
  SUBJECTS,
} from '@btsx/contracts';
import { AppError, BusClient, clientSessionDigest, RemoteError } from '@btsx/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { OrchestratorConfig } from '../orchestrator.config';

/** auth answers this kind when a token or credential cannot be had (its message says which). */
export const CREDENTIAL_NOT_FOUND = 'credential_not_found';
/** auth's answer when a schedule would hold an OAuth login: the user must use a password. */
const OAUTH_NOT_HOLDABLE = 'oauth_not_holdable';
/** What auth refuses for good, in words the user can act on: a 400, not a 503. */
const USER_ERRORS = [CREDENTIAL_NOT_FOUND, OAUTH_NOT_HOLDABLE];

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
    return (owner) => {
      const claimed = { owner, ...sessionTokens(tokens, request) };
      return this.ask('claiming', () =>
        this.bus.request(SUBJECTS.credentialClaim, claimed, this.config.AUTH_REQUEST_TIMEOUT_MS),
      );
    };
  }

  /**
   * The client's tokens held at auth for a schedule (as ofClient checks them): where the
   * accounts are, and the held credentials' ids, which the schedule keeps until its end.
   */
  async holdForSchedule(tokens: CredentialPair, request: Request): Promise<HeldAccounts> {
    const held = sessionTokens(tokens, request);
    return this.ask('holding', () =>
      this.bus.request(SUBJECTS.credentialHold, held, this.config.AUTH_REQUEST_TIMEOUT_MS),
    );
  }

  /** Copies of held credentials, a batch line's or a schedule's (their ids never leave the orchestrator). */
  ofHeld(held: { source: string; destination: string }): LoginClaim {
    return (owner) =>
      this.ask('copying held', () =>
        this.bus.request(
          SUBJECTS.credentialCopy,
          { owner, ...held },
          this.config.AUTH_REQUEST_TIMEOUT_MS,
        ),
      );
  }

  private async ask<T extends ClaimedAccounts>(what: string, request: () => Promise<T>) {
    try {
      return await request();
    } catch (error) {
      if (error instanceof RemoteError && USER_ERRORS.includes(error.kind)) {
        throw new AppError(400, error.message);
      }
      this.logger.warn(`${what} credentials failed: ${String(error)}`);
      throw new AppError(503, 'The account service is not answering; try again shortly');
    }
  }
}

/**
 * The tokens with the digest of the session they must have been given to. 400 without a
 * session (a client that sends no cookie cannot have verified either account).
 */
function sessionTokens(tokens: CredentialPair, request: Request) {
  const session = clientSessionDigest(request);
  if (!session) throw new AppError(400, 'Both accounts must authenticate again');
  return {
    session,
    source: tokens.sourceCredentialId,
    destination: tokens.destinationCredentialId,
  };
}
