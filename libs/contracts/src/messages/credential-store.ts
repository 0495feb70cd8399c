import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ImapEndpoint } from '../imap-account';

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

/** A fresh copy of a held credential for one job, which job.finished purges. */
export interface CredentialCopyReply {
  credentialId: string;
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
