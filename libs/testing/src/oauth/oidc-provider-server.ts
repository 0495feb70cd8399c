import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, onProcessExit, waitUntil } from '@btsx/runner';
import { driveOidcLogin, OidcLoginOptions } from './oidc-login';

/** oidc-provider answers its discovery document about 270 ms after spawn. */
const READY_TIMEOUT_MS = 15_000;
/** Enough of the server's output to say why it did not start. */
const OUTPUT_TAIL_CHARS = 4_000;
const SERVER_SCRIPT = join(__dirname, '../../../../tools/oidc/test-oidc-server.mjs');

export interface OidcClient {
  clientId: string;
  clientSecret: string;
  /** Where the authorization code may be sent (the app's callback URLs). */
  redirectUris?: string[];
  /** A client that only calls introspection (Dovecot), with no grants of its own. */
  introspectionOnly?: boolean;
}

export interface OidcProviderOptions {
  clients: OidcClient[];
  /** login → email address (what userinfo and introspection report). */
  users: Record<string, string>;
  /** Access-token lifetime; a few seconds makes refresh tests fast. */
  accessTokenTtlSeconds?: number;
  /** Non-OpenID scopes the provider should accept (e.g. https://mail.google.com/). */
  scopes?: string[];
  /** The identity provider's own claims (roles, tenants), sent with the profile scope. */
  profileClaims?: string[];
}

/** What a test changes about an account between two sign-ins. */
export interface OidcAccountSettings {
  /** Extra claims of the account's ID tokens (and userinfo); replaces the ones set before. */
  claims?: Record<string, unknown>;
  /** Its ID tokens name this client as their audience instead of the one that asked. */
  idTokenAudience?: string;
}

export interface OidcProviderServer {
  issuer: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** Ends in /userinfo (passport-google-oauth20 picks its parser by that suffix). */
  userinfoUrl: string;
  revocationUrl: string;
  introspectionUrl: string;
  /** Signs in and consents through the provider's pages; returns the callback URL. */
  login(
    options: Omit<OidcLoginOptions, 'jar'> & Pick<Partial<OidcLoginOptions>, 'jar'>,
  ): Promise<string>;
  /** Sets an account's extra claims and ID-token audience for its next sign-ins. */
  setAccount(login: string, settings: OidcAccountSettings): Promise<void>;
  stop(): Promise<void>;
}

/** Starts oidc-provider (tools/oidc/test-oidc-server.mjs) as its own process on a free port. */
export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProviderServer> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const config = {
    port,
    issuer,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    scopes: options.scopes,
    profileClaims: options.profileClaims,
    users: options.users,
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris ?? [],
      introspection: c.introspectionOnly === true,
    })),
  };
  const child = spawn(process.execPath, [SERVER_SCRIPT], {
    env: { ...process.env, OIDC_TEST_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`failed to start: ${error.message}`));
    child.once('exit', (code, signal) => resolve(`exited with ${signal ?? `code ${code}`}`));
  });
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const unregister = onProcessExit(kill);
  const stop = async (): Promise<void> => {
    kill();
    await exited;
    unregister();
  };
  try {
    await waitUntil(
      'oidc-provider',
      async () => (await fetch(`${issuer}/.well-known/openid-configuration`)).ok,
      { timeoutMs: READY_TIMEOUT_MS, abort: exited, describe: async () => output },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    issuer,
    authorizationUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    userinfoUrl: `${issuer}/userinfo`,
    revocationUrl: `${issuer}/token/revocation`,
    introspectionUrl: `${issuer}/token/introspection`,
    login: (login) => driveOidcLogin(issuer, login),
    setAccount: async (login, settings) => {
      const response = await fetch(`${issuer}/test/accounts/${encodeURIComponent(login)}`, {
        method: 'PUT',
        body: JSON.stringify(settings),
      });
      if (!response.ok)
        throw new Error(`oidc-provider refused the account settings: ${response.status}`);
    },
    stop,
  };
}
