import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ACCOUNT_SIDES, AccountSide } from '../core/credential-owner';
import { IMAP_SECURITY, ImapSecurity } from '../core/imap-security';

/** POST /api/auth/imap/verify */
export class VerifyImapRequest {
  /** Which account this is: the token it earns serves only that side of a job. */
  @IsIn(ACCOUNT_SIDES)
  side: AccountSide;

  @IsString()
  @MinLength(1)
  @MaxLength(253)
  host: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @IsIn(IMAP_SECURITY)
  security: ImapSecurity;

  @IsString()
  @MinLength(1)
  @MaxLength(320)
  username: string;

  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;

  /** Explicit opt-out of certificate verification (self-signed servers). */
  @IsOptional()
  @IsBoolean()
  tlsInsecure?: boolean;
}
