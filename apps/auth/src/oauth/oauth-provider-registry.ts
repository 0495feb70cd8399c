import {
  ImapSecurity,
  OAUTH_PROVIDER_NAMES,
  OAuthProviderId,
  OAuthProviderInfo,
} from '@btsx/contracts';
import { OAuthConfig } from '../config/oauth-config';

/** What differs between providers; adding Yahoo or Zoho is one more entry plus its variables. */
export interface OAuthProviderDefinition {
  id: OAuthProviderId;
  name: string;
  /** Prefix of its configuration variables: GOOGLE_CLIENT_ID, GOOGLE_TOKEN_URL, ... */
  envPrefix: 'GOOGLE' | 'MICROSOFT';
  /** 'google' uses passport-google-oauth20; 'oauth2' the generic passport-oauth2 strategy. */
  strategy: 'google' | 'oauth2';
  scopes: string[];
  /** Extra authorization request parameters (offline access, consent prompt). */
  authorizationParams: Record<string, string>;
  /** RFC 7636; both Google and Microsoft support S256 for confidential web clients. */
  pkce: boolean;
  /** `{tenant}` is replaced by MICROSOFT_TENANT. */
  authorizationUrl: string;
  tokenUrl: string;
  /** Absent: the email comes from the token response's id_token only. */
  userinfoUrl?: string;
  /** Absent: the provider has no revocation endpoint (tokens simply expire). */
  revocationUrl?: string;
  imap: { host: string; port: number; security: ImapSecurity };
}

export const OAUTH_PROVIDERS: readonly OAuthProviderDefinition[] = [
  {
    id: 'google',
    name: OAUTH_PROVIDER_NAMES.google,
    envPrefix: 'GOOGLE',
    strategy: 'google',
    scopes: ['https://mail.google.com/', 'openid', 'email'],
    // access_type=offline issues a refresh token; prompt=consent issues one again on a
    // second sign-in (Google otherwise returns a refresh token only the first time).
    authorizationParams: { access_type: 'offline', prompt: 'consent' },
    pkce: true,
    authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    userinfoUrl: 'https://openidconnect.googleapis.com/v1/userinfo',
    revocationUrl: 'https://oauth2.googleapis.com/revoke',
    imap: { host: 'imap.gmail.com', port: 993, security: 'tls' },
  },
  {
    id: 'microsoft',
    name: OAUTH_PROVIDER_NAMES.microsoft,
    envPrefix: 'MICROSOFT',
    strategy: 'oauth2',
    scopes: [
      'https://outlook.office.com/IMAP.AccessAsUser.All',
      'offline_access',
      'openid',
      'email',
    ],
    authorizationParams: { prompt: 'select_account' },
    pkce: true,
    authorizationUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
    // Graph's userinfo wants a Graph token, not the Outlook one we ask for: use the id_token.
    userinfoUrl: undefined,
    // Microsoft identity platform has no RFC 7009 endpoint.
    revocationUrl: undefined,
    imap: { host: 'outlook.office365.com', port: 993, security: 'tls' },
  },
];

/** A provider with this server's configuration applied. */
export interface OAuthProvider extends Omit<OAuthProviderDefinition, 'envPrefix'> {
  /** Present only when available. */
  client?: { id: string; secret: string };
  available: boolean;
  reason?: string;
  /** Where the provider sends the browser back to. */
  callbackUrl: string;
}

/** Applies the configuration (credentials, endpoint and IMAP overrides) to every definition. */
export function configureProviders(
  config: OAuthConfig,
  definitions: readonly OAuthProviderDefinition[] = OAUTH_PROVIDERS,
): OAuthProvider[] {
  return definitions.map((definition) => configureProvider(config, definition));
}

function configureProvider(
  config: OAuthConfig,
  definition: OAuthProviderDefinition,
): OAuthProvider {
  const { envPrefix: p, ...rest } = definition;
  const tenant = encodeURIComponent(config.MICROSOFT_TENANT);
  const withTenant = (url: string | undefined) => url?.replace('{tenant}', tenant);
  const clientId = config[`${p}_CLIENT_ID`];
  const clientSecret = config[`${p}_CLIENT_SECRET`];
  const available = Boolean(clientId && clientSecret);
  return {
    ...rest,
    authorizationUrl: config[`${p}_AUTHORIZATION_URL`] ?? withTenant(rest.authorizationUrl)!,
    tokenUrl: config[`${p}_TOKEN_URL`] ?? withTenant(rest.tokenUrl)!,
    userinfoUrl: config[`${p}_USERINFO_URL`] ?? rest.userinfoUrl,
    revocationUrl: config[`${p}_REVOCATION_URL`] ?? rest.revocationUrl,
    imap: {
      host: config[`${p}_IMAP_HOST`] ?? rest.imap.host,
      port: config[`${p}_IMAP_PORT`] ?? rest.imap.port,
      security: config[`${p}_IMAP_SECURITY`] ?? rest.imap.security,
    },
    client: available ? { id: clientId!, secret: clientSecret! } : undefined,
    available,
    reason: available
      ? undefined
      : `Not configured on this server: set ${p}_CLIENT_ID and ${p}_CLIENT_SECRET`,
    callbackUrl: new URL(`/api/auth/oauth/${definition.id}/callback`, config.PUBLIC_URL).toString(),
  };
}

/** What the page may see: no client id, secret or endpoint. */
export function providerInfo(provider: OAuthProvider): OAuthProviderInfo {
  return {
    id: provider.id,
    name: provider.name,
    available: provider.available,
    ...(provider.reason ? { reason: provider.reason } : {}),
    imapHost: provider.imap.host,
    imapPort: provider.imap.port,
    imapSecurity: provider.imap.security,
  };
}
