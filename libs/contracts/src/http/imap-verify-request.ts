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
import { IMAP_SECURITY, ImapSecurity } from '../core/imap-security';

/** POST /api/auth/imap/verify */
export class VerifyImapRequest {
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
