import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { IMAP_SECURITY, ImapSecurity } from './core/imap-security';
import { OAUTH_PROVIDER_IDS, OAuthProviderId } from './core/oauth/oauth-provider';

/** Where and how to reach one IMAP account; never holds a secret. */
export class ImapEndpoint {
  @IsString()
  @MinLength(1)
  host: string;

  @IsInt()
  @Min(1)
  @Max(65535)
  port: number;

  @IsIn(IMAP_SECURITY)
  security: ImapSecurity;

  /** False only when the user explicitly opted out of certificate verification. */
  @IsBoolean()
  verifyCertificate: boolean;

  @IsString()
  @MinLength(1)
  username: string;

  /** Set for an account signed in with OAuth. */
  @IsOptional()
  @IsIn(OAUTH_PROVIDER_IDS)
  provider?: OAuthProviderId;
}

/** An endpoint plus its secret, as `auth` hands it to discovery and copier. */
export class ImapLogin extends ImapEndpoint {
  @IsOptional()
  @IsString()
  password?: string;

  @IsOptional()
  @IsString()
  accessToken?: string;
}
