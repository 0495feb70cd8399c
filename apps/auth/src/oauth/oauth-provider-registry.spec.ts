import { loadConfig } from '@btsx/platform';
import { randomBytes } from 'node:crypto';
import { AuthConfig } from '../config/auth-config';
import { configureProviders, providerInfo } from './oauth-provider-registry';

const BASE = {
  NATS_URL: 'nats://127.0.0.1:4222',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/btsx',
  BTSX_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

const providers = (env: Record<string, string>) =>
  configureProviders(loadConfig(AuthConfig, { ...BASE, ...env }));

describe('OAuth provider registry', () => {
  it('lists unconfigured providers as unavailable with the variables to set', () => {
    const [google, microsoft] = providers({});
    expect(providerInfo(google)).toEqual({
      id: 'google',
      name: 'Google',
      available: false,
      reason: 'Not configured on this server: set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET',
      imapHost: 'imap.gmail.com',
      imapPort: 993,
      imapSecurity: 'tls',
    });
    expect(microsoft).toMatchObject({ available: false, client: undefined });
    expect(microsoft.reason).toContain('MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET');
  });

  it('needs both the id and the secret', () => {
    const [google] = providers({ GOOGLE_CLIENT_ID: 'id' });
    expect(google.available).toBe(false);
  });

  it('uses the real endpoints, scopes and offline access by default', () => {
    const [google, microsoft] = providers({
      GOOGLE_CLIENT_ID: 'gid',
      GOOGLE_CLIENT_SECRET: 'gsecret',
      MICROSOFT_CLIENT_ID: 'mid',
      MICROSOFT_CLIENT_SECRET: 'msecret',
      MICROSOFT_TENANT: 'contoso.onmicrosoft.com',
    });
    expect(google).toMatchObject({
      available: true,
      client: { id: 'gid', secret: 'gsecret' },
      scopes: ['https://mail.google.com/', 'openid', 'email'],
      authorizationParams: { access_type: 'offline', prompt: 'consent' },
      tokenUrl: 'https://oauth2.googleapis.com/token',
      revocationUrl: 'https://oauth2.googleapis.com/revoke',
      callbackUrl: 'http://localhost:8080/api/auth/oauth/google/callback',
    });
    expect(microsoft).toMatchObject({
      scopes: [
        'https://outlook.office.com/IMAP.AccessAsUser.All',
        'offline_access',
        'openid',
        'email',
      ],
      authorizationUrl:
        'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize',
      tokenUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
      revocationUrl: undefined,
      imap: { host: 'outlook.office365.com', port: 993, security: 'tls' },
    });
  });

  it('takes every endpoint and the IMAP server from configuration', () => {
    const [, microsoft] = providers({
      PUBLIC_URL: 'https://btsx.example',
      MICROSOFT_CLIENT_ID: 'mid',
      MICROSOFT_CLIENT_SECRET: 'msecret',
      MICROSOFT_AUTHORIZATION_URL: 'http://127.0.0.1:9/auth',
      MICROSOFT_TOKEN_URL: 'http://127.0.0.1:9/token',
      MICROSOFT_USERINFO_URL: 'http://127.0.0.1:9/userinfo',
      MICROSOFT_REVOCATION_URL: 'http://127.0.0.1:9/token/revocation',
      MICROSOFT_IMAP_HOST: '127.0.0.1',
      MICROSOFT_IMAP_PORT: '1143',
      MICROSOFT_IMAP_SECURITY: 'none',
    });
    expect(microsoft).toMatchObject({
      authorizationUrl: 'http://127.0.0.1:9/auth',
      tokenUrl: 'http://127.0.0.1:9/token',
      userinfoUrl: 'http://127.0.0.1:9/userinfo',
      revocationUrl: 'http://127.0.0.1:9/token/revocation',
      imap: { host: '127.0.0.1', port: 1143, security: 'none' },
      callbackUrl: 'https://btsx.example/api/auth/oauth/microsoft/callback',
    });
  });

  it('refuses a malformed override naming the variable, not the value', () => {
    expect(() => providers({ GOOGLE_TOKEN_URL: 'not a url', GOOGLE_IMAP_PORT: 'x' })).toThrow(
      /GOOGLE_TOKEN_URL must be an http\(s\) URL.*GOOGLE_IMAP_PORT must be a port number/,
    );
  });

  it('never shows the client id or secret to the page', () => {
    const [google] = providers({
      GOOGLE_CLIENT_ID: 'gid-123',
      GOOGLE_CLIENT_SECRET: 'gsecret-456',
    });
    const info = JSON.stringify(providerInfo(google));
    expect(info).not.toContain('gid-123');
    expect(info).not.toContain('gsecret-456');
  });
});
