import { IsIn, Matches } from 'class-validator';
import {
  ACCOUNT_SIDES,
  AccountSide,
  CREDENTIAL_OWNER_PATTERN,
  CREDENTIAL_TOKEN_PATTERN,
  CredentialOwner,
} from '../core/credential-owner';

/** auth.credential.resolve: the login a worker signs in with for this owner's side. */
export class CredentialResolveRequest {
  @Matches(CREDENTIAL_OWNER_PATTERN)
  owner: CredentialOwner;

  @IsIn(ACCOUNT_SIDES)
  side: AccountSide;
}

/**
 * The client session a credential token was given to, as the SHA-256 (base64url) of its
 * cookie: the orchestrator reads the cookie, auth compares; the cookie itself never travels.
 */
const SESSION_DIGEST_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * auth.credential.describe: where a token signs in to, without using it up (rate limits);
 * auth.credential.lend: its login, secret included, without using it up (a plan's preview).
 */
export class CredentialDescribeRequest {
  @Matches(CREDENTIAL_TOKEN_PATTERN)
  token: string;

  @IsIn(ACCOUNT_SIDES)
  side: AccountSide;

  @Matches(SESSION_DIGEST_PATTERN)
  session: string;
}

/** A client session (its digest) and the two credential tokens it was given. */
export class SessionTokens {
  @Matches(SESSION_DIGEST_PATTERN)
  session: string;

  @Matches(CREDENTIAL_TOKEN_PATTERN)
  source: string;

  @Matches(CREDENTIAL_TOKEN_PATTERN)
  destination: string;
}

/**
 * auth.credential.claim: binds both tokens to `owner`, at once or not at all. A token is
 * claimed once, for the side it was verified for, from the session it was given to.
 */
export class CredentialClaimRequest extends SessionTokens {
  @Matches(CREDENTIAL_OWNER_PATTERN)
  owner: CredentialOwner;
}
