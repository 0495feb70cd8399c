import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { OAUTH_PROVIDER_IDS, OAuthProviderId } from './oauth/oauth-provider';

export const IMAP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type ImapSecurity = (typeof IMAP_SECURITY)[number];

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

export const DEFAULT_PORT: Record<ImapSecurity, number> = { tls: 993, starttls: 143, none: 143 };
