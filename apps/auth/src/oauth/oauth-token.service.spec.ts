import { randomBytes, randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { Credential } from '../credentials/credential.entity';
import { CredentialVault } from '../credentials/credential-vault';
import { openRefresh, sealAccess, sealRefresh } from '../credentials/sealed-tokens';
import { ReauthRequiredError } from './oauth-errors';
import { OAuthProviderCatalog } from './oauth-provider-catalog';
import { OAuthProvider } from './oauth-provider-registry';
import { OAuthTokenClient, RefreshedTokens } from './oauth-token-client';
import { OAuthTokenService } from './oauth-token.service';
import { effectiveMarginMs, refreshDue, REFRESH_MARGIN_MS } from './token-refresh-policy';

const HOUR = 3600_000;
const T0 = Date.UTC(2026, 0, 1);

describe('refresh policy', () => {
  const hourToken = { issuedAt: new Date(T0), expiresAt: new Date(T0 + HOUR) };

  it('hands out an hour token until the margin is reached', () => {
    expect(refreshDue(hourToken, T0)).toBe(false);
    expect(refreshDue(hourToken, T0 + HOUR - REFRESH_MARGIN_MS - 1)).toBe(false);
    expect(refreshDue(hourToken, T0 + HOUR - REFRESH_MARGIN_MS)).toBe(true);
    expect(refreshDue(hourToken, T0 + 2 * HOUR)).toBe(true);
  });

  it('shrinks the margin to half the lifetime of short tokens', () => {
    const short = { issuedAt: new Date(T0), expiresAt: new Date(T0 + 3000) };
    expect(effectiveMarginMs(short)).toBe(1500);
    expect(refreshDue(short, T0 + 1499)).toBe(false);
    expect(refreshDue(short, T0 + 1500)).toBe(true);
  });
});

/** A repository of one table in memory: findOneBy and update are all the service uses. */
function fakeRepository(rows: Map<string, Credential>): Repository<Credential> {
  return {
    findOneBy: async ({ id }: { id: string }) => (rows.has(id) ? { ...rows.get(id)! } : null),
    update: async ({ id }: { id: string }, patch: Partial<Credential>) => {
      rows.set(id, { ...rows.get(id)!, ...patch });
      return { affected: 1 };
    },
  } as unknown as Repository<Credential>;
}

class FakeTokenClient extends OAuthTokenClient {
  calls = 0;
  answer: () => Promise<RefreshedTokens> = async () => ({
    accessToken: `access-${++this.calls}`,
    expiresIn: 3600,
  });

  override refresh(): Promise<RefreshedTokens> {
    return this.answer();
  }
}

const GOOGLE = {
  id: 'google',
  name: 'Google',
  client: { id: 'id', secret: 'secret' },
  available: true,
} as OAuthProvider;

function setup() {
  const vault = new CredentialVault({
    current: { id: 'k1', key: randomBytes(32) },
    previous: new Map(),
  });
  const rows = new Map<string, Credential>();
  const clock = { now: T0 };
  const client = new FakeTokenClient();
  const service = new OAuthTokenService(
    fakeRepository(rows),
    vault,
    new OAuthProviderCatalog([GOOGLE]),
    client,
    () => clock.now,
  );
  const id = randomUUID();
  rows.set(id, {
    id,
    kind: 'oauth',
    provider: 'google',
    ...sealAccess(vault, id, 'access-0'),
    ...sealRefresh(vault, id, 'refresh-0'),
    tokenIssuedAt: new Date(T0),
    tokenExpiresAt: new Date(T0 + HOUR),
  } as Credential);
  const record = () => ({ ...rows.get(id)! });
  return { vault, rows, clock, client, service, record };
}

describe('OAuthTokenService', () => {
  it('hands out the stored token while it has more than the margin left', async () => {
    const { service, record, client, clock } = setup();
    clock.now = T0 + 50 * 60_000;
    expect(await service.accessTokenFor(record())).toBe('access-0');
    expect(client.calls).toBe(0);
  });

  it('refreshes within the margin and stores the new token and expiry', async () => {
    const { service, record, client, clock } = setup();
    clock.now = T0 + 56 * 60_000;
    expect(await service.accessTokenFor(record())).toBe('access-1');
    expect(client.calls).toBe(1);
    expect(record().tokenExpiresAt).toEqual(new Date(clock.now + HOUR));
    // The next resolve uses the stored refreshed token.
    expect(await service.accessTokenFor(record())).toBe('access-1');
    expect(client.calls).toBe(1);
  });

  it('keeps a rotated refresh token', async () => {
    const { service, record, client, clock, vault } = setup();
    client.answer = async () => ({ accessToken: 'a2', refreshToken: 'refresh-2', expiresIn: 60 });
    clock.now = T0 + HOUR;
    await service.accessTokenFor(record());
    expect(openRefresh(vault, record())).toBe('refresh-2');
  });

  it('shares one refresh among concurrent resolves', async () => {
    const { service, record, client, clock } = setup();
    clock.now = T0 + HOUR;
    const tokens = await Promise.all([1, 2, 3].map(() => service.accessTokenFor(record())));
    expect(tokens).toEqual(['access-1', 'access-1', 'access-1']);
    expect(client.calls).toBe(1);
  });

  it('passes a revoked grant on as reauth_required', async () => {
    const { service, record, client, clock } = setup();
    client.answer = async () => {
      throw new ReauthRequiredError('Google', 'grant request is invalid (invalid_grant)');
    };
    clock.now = T0 + HOUR;
    const error = await service.accessTokenFor(record()).catch((e) => e);
    expect(error).toMatchObject({
      kind: 'reauth_required',
      permanent: true,
      message:
        'The Google account needs to be authenticated again: grant request is invalid (invalid_grant)',
    });
  });
});

describe('OAuthTokenClient', () => {
  const provider = { ...GOOGLE, tokenUrl: 'https://t.example/token' } as OAuthProvider;
  const REFRESH = 'rt-very-secret-refresh-token';

  function answering(status: number, body: object): typeof fetch {
    return (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;
  }

  it('turns invalid_grant into reauth_required without echoing the token', async () => {
    const client = new OAuthTokenClient(
      answering(400, { error: 'invalid_grant', error_description: `token ${REFRESH} was revoked` }),
    );
    const error = await client.refresh(provider, REFRESH).catch((e) => e);
    expect(error).toBeInstanceOf(ReauthRequiredError);
    expect(error.message).toBe(
      'The Google account needs to be authenticated again: token [redacted] was revoked (invalid_grant)',
    );
  });

  it('treats a 5xx as transient', async () => {
    const client = new OAuthTokenClient(answering(503, {}));
    const error = await client.refresh(provider, REFRESH).catch((e) => e);
    expect(error.permanent).toBeUndefined();
    expect(error.message).toBe('Google could not refresh the token: HTTP 503');
  });

  it('treats an unreachable provider as transient, without the token', async () => {
    const client = new OAuthTokenClient((async () => {
      throw new Error(`connect ECONNREFUSED while sending ${REFRESH}`);
    }) as typeof fetch);
    const error = await client.refresh(provider, REFRESH).catch((e) => e);
    expect(error.permanent).toBeUndefined();
    expect(error.message).not.toContain(REFRESH);
  });

  it('reads a refreshed token response', async () => {
    const client = new OAuthTokenClient(answering(200, { access_token: 'at', expires_in: 3599 }));
    expect(await client.refresh(provider, REFRESH)).toEqual({
      accessToken: 'at',
      refreshToken: undefined,
      expiresIn: 3599,
    });
  });
});
