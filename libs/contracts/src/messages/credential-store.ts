import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CREDENTIAL_OWNER_PATTERN, CredentialOwner } from '../core/credential-owner';
import { ImapEndpoint } from '../imap-account';
import { SessionTokens } from './credential-resolve';

/** Logins per `auth.credential.store` request: keeps one request far below NATS' 1 MB. */
export const MAX_LOGINS_PER_STORE = 200;

/** An endpoint with its password, as an admin's CSV gives it; only ever sent to auth. */
export class PasswordLogin extends ImapEndpoint {
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

/**
 * Stores logins nobody verified yet (a batch checks them when its job starts). They are
 * held until discarded: a batch needs them for retries and delta passes.
 */
export class CredentialStoreRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LOGINS_PER_STORE)
  @ValidateNested({ each: true })
  @Type(() => PasswordLogin)
  logins: PasswordLogin[];
}

/** The new credential ids, in the order of the request's logins. */
export interface CredentialStoreReply {
  credentialIds: string[];
}

/**
 * auth.credential.copy: fresh copies of a batch line's two held credentials for one job,
 * kept under the job (its job.finished purges the copies, the batch keeps the originals).
 */
export class CredentialCopyRequest {
  @Matches(CREDENTIAL_OWNER_PATTERN)
  owner: CredentialOwner;

  @IsUUID()
  source: string;

  @IsUUID()
  destination: string;
}

/** Where a job's two accounts sign in to, once their credentials are its own (no secret). */
export interface ClaimedAccounts {
  source: ImapEndpoint;
  destination: ImapEndpoint;
}

export class CredentialDiscardRequest {
  @IsArray()
  @ArrayMaxSize(MAX_LOGINS_PER_STORE)
  @IsUUID('all', { each: true })
  credentialIds: string[];
}

export interface CredentialDiscardReply {
  deleted: number;
}

/**
 * auth.credential.hold: a client's two verified tokens become held credentials (a schedule's),
 * from the session they were given to, both or neither. Password logins only: an OAuth
 * account's tokens cannot be copied per pass without sharing one refresh token.
 */
export class CredentialHoldRequest extends SessionTokens {}

/** Where the held logins sign in to, and their ids, which never leave the orchestrator. */
export interface HeldAccounts extends ClaimedAccounts {
  heldIds: { source: string; destination: string };
}
